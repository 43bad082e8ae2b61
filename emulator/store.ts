/**
 * The S3 data the server lists: buckets, each with its objects, object versions and unfinished
 * multipart uploads, every list kept sorted in S3 order as it is seeded (new entries are sorted
 * among themselves and merged in), so answering a request never sorts.
 */
import { compareKeys, firstIndex, lowerBound, mergeSorted, type Sorted } from "./key-order.js";
import { virtualObjects, virtualVersions, type KeySource } from "./virtual-keys.js";

export interface ObjectEntry {
  readonly key: string;
  size: number;
  etag: string;
  lastModified: string;
}

export interface VersionEntry {
  readonly key: string;
  readonly versionId: string;
  readonly deleteMarker: boolean;
  /** As seeded; when undefined the newest version of the key (its first entry) is the latest. */
  readonly isLatest: boolean | undefined;
  readonly etag: string;
  readonly size: number;
  readonly lastModified: string;
}

export interface UploadEntry {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: string;
  readonly partCount: number;
}

export interface Bucket {
  readonly name: string;
  readonly creationDate: string;
  /** Sorted by key. */
  objects: Sorted<ObjectEntry>;
  readonly objectsByKey: Map<string, ObjectEntry>;
  /** Sorted by key; a key's versions newest first, in the order they were seeded. */
  versions: Sorted<VersionEntry>;
  /** Set when the bucket lists a key source (virtual-keys.ts) rather than seeded objects. */
  virtual: boolean;
  /** Sorted by key, then upload id. */
  uploads: UploadEntry[];
}

export type ObjectSeed = string | { readonly key: string; readonly size?: number; readonly etag?: string };
export interface VersionSeed {
  readonly key: string;
  readonly versionId: string;
  readonly deleteMarker?: boolean;
  readonly isLatest?: boolean;
}

const byKey = (a: { key: string }, b: { key: string }) => compareKeys(a.key, b.key);
const byKeyThenUpload = (a: UploadEntry, b: UploadEntry) => compareKeys(a.key, b.key) || compareKeys(a.uploadId, b.uploadId);

export class S3Store {
  private readonly buckets = new Map<string, Bucket>();
  /** Bucket names in order, for ListBuckets. */
  names: string[] = [];

  get(name: string): Bucket | undefined {
    return this.buckets.get(name);
  }

  /** The bucket, created empty when it does not exist yet. */
  ensure(name: string): Bucket {
    let bucket = this.buckets.get(name);
    if (!bucket) {
      bucket = { name, creationDate: now(), objects: [], objectsByKey: new Map(), versions: [], uploads: [], virtual: false };
      this.buckets.set(name, bucket);
      this.names.splice(firstIndex(this.names, (n) => compareKeys(n, name) > 0), 0, name);
    }
    return bucket;
  }

  /**
   * Makes `bucketName` list the keys of `source` (each one object and one version) without a record
   * per key. The bucket must be new or empty, and takes no other objects or versions afterwards.
   */
  putVirtualObjects(bucketName: string, source: KeySource): void {
    const bucket = this.ensure(bucketName);
    if (bucket.objects.length > 0 || bucket.versions.length > 0) {
      throw new Error(`putVirtualObjects: bucket ${bucketName} already holds objects or versions; give a virtual bucket a name of its own`);
    }
    const lastModified = now();
    bucket.objects = virtualObjects(source, lastModified);
    bucket.versions = virtualVersions(source, lastModified);
    bucket.virtual = true;
  }

  /** The object under `key`, if there is one. */
  findObject(bucket: Bucket, key: string): ObjectEntry | undefined {
    if (!bucket.virtual) return bucket.objectsByKey.get(key);
    const found = bucket.objects.at(lowerBound(bucket.objects, (entry) => entry.key, key));
    return found?.key === key ? found : undefined;
  }

  /** Adds objects, or replaces the size and ETag of ones already there. */
  putObjects(bucketName: string, seeds: readonly ObjectSeed[]): void {
    const bucket = this.real(bucketName, "putObjects");
    const lastModified = now();
    const fresh: ObjectEntry[] = [];
    for (const seed of seeds) {
      const { key, size, etag } = typeof seed === "string" ? { key: seed, size: undefined, etag: undefined } : seed;
      if (typeof key !== "string") throw new TypeError(`putObjects: a key must be a string, got ${typeof key}`);
      const entry = { key, size: size ?? 0, etag: quoteEtag(etag ?? fakeEtag(key)), lastModified };
      const existing = bucket.objectsByKey.get(key);
      if (existing) {
        Object.assign(existing, entry);
      } else {
        bucket.objectsByKey.set(key, entry);
        fresh.push(entry);
      }
    }
    bucket.objects = mergeSorted(bucket.objects as ObjectEntry[], fresh.sort(byKey), byKey);
  }

  /** Adds versions; a key's versions are listed in the order given, newest first. */
  putVersions(bucketName: string, seeds: readonly VersionSeed[]): void {
    const bucket = this.real(bucketName, "putVersions");
    const lastModified = now();
    const fresh: VersionEntry[] = seeds.map((seed) => ({
      key: seed.key,
      versionId: seed.versionId,
      deleteMarker: seed.deleteMarker ?? false,
      isLatest: seed.isLatest,
      etag: quoteEtag(fakeEtag(`${seed.key}\u0000${seed.versionId}`)),
      size: 0,
      lastModified,
    }));
    // Array.prototype.sort is stable, and mergeSorted keeps earlier entries first on ties.
    bucket.versions = mergeSorted(bucket.versions as VersionEntry[], fresh.sort(byKey), byKey);
  }

  /** The bucket, created when new, refused when it is virtual (its listing is its key source). */
  private real(bucketName: string, what: string): Bucket {
    const bucket = this.ensure(bucketName);
    if (bucket.virtual) throw new Error(`${what}: bucket ${bucketName} serves virtual keys (putVirtualObjects) and takes no seeded entries`);
    return bucket;
  }

  createUpload(bucketName: string, key: string, uploadId: string, partCount: number): void {
    if (!Number.isInteger(partCount) || partCount < 0 || partCount > 10000) {
      throw new RangeError(`createUpload: partCount must be an integer from 0 to 10000, got ${partCount}`);
    }
    const bucket = this.ensure(bucketName);
    const entry: UploadEntry = { key, uploadId, initiated: now(), partCount };
    const at = firstIndex(bucket.uploads, (u) => byKeyThenUpload(u, entry) >= 0);
    const same = bucket.uploads[at];
    if (same && same.key === key && same.uploadId === uploadId) bucket.uploads[at] = entry;
    else bucket.uploads.splice(at, 0, entry);
  }

  findUpload(bucket: Bucket, key: string, uploadId: string): UploadEntry | undefined {
    const probe = { key, uploadId } as UploadEntry;
    const found = bucket.uploads[firstIndex(bucket.uploads, (u) => byKeyThenUpload(u, probe) >= 0)];
    return found && found.key === key && found.uploadId === uploadId ? found : undefined;
  }

  clear(): void {
    this.buckets.clear();
    this.names = [];
  }
}

function now(): string {
  return new Date().toISOString();
}

function quoteEtag(etag: string): string {
  return etag.startsWith('"') ? etag : `"${etag}"`;
}

/**
 * A stable 32-hex-digit stand-in for an MD5 ETag (FNV-1a, four lanes in one pass), cheap enough
 * for a page of every listing of a million virtual keys.
 */
export function fakeEtag(text: string): string {
  let h0 = 0x811c9dc5;
  let h1 = 0x811c9dc5 ^ 1;
  let h2 = 0x811c9dc5 ^ 2;
  let h3 = 0x811c9dc5 ^ 3;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h0 = Math.imul(h0 ^ c, 0x01000193);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193);
    h3 = Math.imul(h3 ^ c, 0x01000193);
  }
  return hex8(h0) + hex8(h1) + hex8(h2) + hex8(h3);
}

const HEX = "0123456789abcdef";
function hex8(h: number): string {
  let out = "";
  for (let shift = 28; shift >= 0; shift -= 4) out += HEX[(h >>> shift) & 0xf];
  return out;
}
