/**
 * Versioned buckets for parallel ListObjectVersions specs, made from key sets: each key gets one
 * to three versions with delete markers among them (newest first, as S3 lists them), and the
 * identity of an entry (key and version id) to compare listings by.
 */
import type { VersionSeed } from "../../emulator/index.js";

/** Entries for `keys`: key i has 1 + i % 3 entries; every third key's newest is a delete marker, every fifth has one in the middle. */
export function versionsOf(keys: readonly string[]): VersionSeed[] {
  return keys.flatMap((key, i) => {
    const entries: VersionSeed[] = [];
    const count = 1 + (i % 3);
    if (i % 3 === 0) entries.push({ key, versionId: `dm-${i}`, deleteMarker: true });
    for (let j = 0; j < count; j++) {
      entries.push({ key, versionId: `v${count - j}-${i}` });
      if (i % 5 === 0 && j === 0) entries.push({ key, versionId: `dm-mid-${i}`, deleteMarker: true });
    }
    return entries;
  });
}

/** One key with `count` versions (every tenth a delete marker), newest first. */
export function manyVersionsOf(key: string, count: number): VersionSeed[] {
  return Array.from({ length: count }, (_, j) => ({ key, versionId: `${String(count - j).padStart(6, "0")}`, ...(j % 10 === 3 ? { deleteMarker: true } : {}) }));
}

export const identity = (entry: { Key?: string; VersionId?: string }) => `${entry.Key}\u0000${entry.VersionId}`;

export interface VersionListing {
  versions: string[];
  markers: string[];
}

/** Both lists of pages, as identities. */
export function listingOf(pages: readonly { Versions?: { Key?: string; VersionId?: string }[]; DeleteMarkers?: { Key?: string; VersionId?: string }[] }[]): VersionListing {
  return { versions: pages.flatMap((page) => (page.Versions ?? []).map(identity)), markers: pages.flatMap((page) => (page.DeleteMarkers ?? []).map(identity)) };
}
