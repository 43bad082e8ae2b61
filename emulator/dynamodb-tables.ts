/**
 * The DynamoDB tables the server scans: each has a key schema (a hash key and, optionally, a
 * range key, each S, N or B) and its items in scan order.
 *
 * Scan order, as DynamoDB's: partitions in the order of a hash of their partition key value
 * (here FNV-1a of the value, a stand-in for DynamoDB's internal hash, so the order is neither
 * the order seeded nor the order of the keys), and within a partition by range key (numbers by
 * value, strings by UTF-8 bytes, binary by unsigned bytes). An item seeded again under the same
 * key replaces the earlier one, as PutItem does.
 */
import { canonical, checkSeed, compareScalars, typeOf, type AttributeValue, type Item, type ItemSeed, type ScalarType } from "./dynamodb-values.js";

export interface KeyAttribute {
  readonly name: string;
  readonly type: ScalarType;
}

export interface KeySchema {
  readonly hash: KeyAttribute;
  readonly range?: KeyAttribute;
}

interface Entry {
  readonly item: Item;
  /** The partition's place in scan order. */
  readonly rank: number;
  readonly partition: string;
  /** The whole key, canonical: a map key for finding an item by its key. */
  readonly id: string;
}

const SCALAR_TYPES: ReadonlySet<string> = new Set(["S", "N", "B"]);

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export class DynamoTable {
  readonly name: string;
  readonly key: KeySchema;
  private entries: Entry[] = [];
  /** Index in `entries` by key id; rebuilt after every seeding. */
  private positions = new Map<string, number>();

  constructor(name: string, key: KeySchema) {
    this.name = name;
    this.key = key;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The item at a place in scan order. */
  at(index: number): Item | undefined {
    return this.entries[index]?.item;
  }

  /** The key attributes of an item. */
  keyOf(item: Item): Item {
    const { hash, range } = this.key;
    const key: Record<string, AttributeValue> = { [hash.name]: item[hash.name] as AttributeValue };
    if (range) key[range.name] = item[range.name] as AttributeValue;
    return key;
  }

  /**
   * Whether `key` is a key of this table: exactly its key attributes, of their types. DynamoDB
   * answers a start key that is not with "The provided starting key is invalid".
   */
  fitsSchema(key: Item): boolean {
    const { hash, range } = this.key;
    const names = Object.keys(key);
    if (names.length !== (range ? 2 : 1)) return false;
    return [hash, range].every((attribute) => !attribute || (key[attribute.name] !== undefined && typeOf(key[attribute.name] as AttributeValue) === attribute.type));
  }

  /** The place in scan order of the item with this key (which must fit the schema), if there is one. */
  indexOf(key: Item): number | undefined {
    return this.positions.get(this.idOf(key));
  }

  put(items: readonly ItemSeed[]): void {
    const byId = new Map(this.entries.map((entry) => [entry.id, entry]));
    items.forEach((raw, i) => {
      const where = `putDynamoItems(${JSON.stringify(this.name)}) item ${i}`;
      if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new TypeError(`${where}: an item is a map of attribute values`);
      const item: Item = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, checkSeed(value, `${where}, ${name}`)]));
      for (const attribute of [this.key.hash, this.key.range]) {
        if (!attribute) continue;
        const value = item[attribute.name];
        if (value === undefined || typeOf(value) !== attribute.type) {
          throw new TypeError(`${where}: the key attribute ${attribute.name} must be of type ${attribute.type}`);
        }
      }
      const partition = canonical(item[this.key.hash.name] as AttributeValue);
      const id = this.idOf(item);
      byId.set(id, { item, rank: fnv1a(partition), partition, id });
    });
    const range = this.key.range?.name;
    this.entries = [...byId.values()].sort(
      (a, b) =>
        a.rank - b.rank ||
        (a.partition < b.partition ? -1 : a.partition > b.partition ? 1 : 0) ||
        (range === undefined ? 0 : compareScalars(a.item[range] as AttributeValue, b.item[range] as AttributeValue)),
    );
    this.positions = new Map(this.entries.map((entry, i) => [entry.id, i]));
  }

  private idOf(item: Item): string {
    const { hash, range } = this.key;
    const id = canonical(item[hash.name] as AttributeValue);
    return range ? `${id}\u0000${canonical(item[range.name] as AttributeValue)}` : id;
  }
}

const schemaText = (key: KeySchema) => JSON.stringify([key.hash.name, key.hash.type, key.range?.name, key.range?.type]);

export class DynamoStore {
  private readonly tables = new Map<string, DynamoTable>();

  /** Creates an empty table; creating one again with the same key schema is a no-op. */
  create(name: string, key: KeySchema): DynamoTable {
    if (typeof name !== "string" || !/^[A-Za-z0-9_.-]{3,255}$/.test(name)) {
      throw new TypeError(`createDynamoTable: a table name is 3 to 255 of A-Z a-z 0-9 _ . -, got ${JSON.stringify(name)}`);
    }
    const check = (attribute: KeyAttribute | undefined) => {
      if (!attribute || typeof attribute.name !== "string" || attribute.name === "" || !SCALAR_TYPES.has(attribute.type)) {
        throw new TypeError(`createDynamoTable(${JSON.stringify(name)}): a key attribute is { name, type: "S" | "N" | "B" }`);
      }
    };
    check(key?.hash);
    if (key.range !== undefined) check(key.range);
    const existing = this.tables.get(name);
    if (existing) {
      if (schemaText(existing.key) !== schemaText(key)) throw new TypeError(`createDynamoTable: ${name} exists with another key schema`);
      return existing;
    }
    const table = new DynamoTable(name, { hash: { ...key.hash }, ...(key.range ? { range: { ...key.range } } : {}) });
    this.tables.set(name, table);
    return table;
  }

  put(name: string, items: readonly ItemSeed[]): void {
    const table = this.tables.get(name);
    if (!table) throw new TypeError(`putDynamoItems: no table ${JSON.stringify(name)}; create it first with createDynamoTable(name, key)`);
    table.put(items);
  }

  get(name: string): DynamoTable | undefined {
    return this.tables.get(name);
  }

  clear(): void {
    this.tables.clear();
  }
}
