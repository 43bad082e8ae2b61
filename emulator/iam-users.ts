/**
 * The IAM users the server lists, in the order ListUsers returns them: by user name, compared
 * case-insensitively (IAM user names are unique regardless of case). IAM does not document its
 * order; this is the loopback server's choice. A user seeded again under a name that differs only
 * in case replaces the earlier one.
 */
import { compareKeys } from "./key-order.js";

export interface IamUserSeed {
  readonly UserName: string;
  /** Default "/". Starts and ends with "/". */
  readonly Path?: string;
  /** Default: a stable AIDA… id made from the name. */
  readonly UserId?: string;
  /** Default: 2024-01-01T00:00:00Z. */
  readonly CreateDate?: Date;
  readonly PasswordLastUsed?: Date;
}

export interface IamUser {
  readonly userName: string;
  /** The name in lowercase: the order and the identity. */
  readonly folded: string;
  readonly path: string;
  readonly userId: string;
  readonly arn: string;
  readonly createDate: Date;
  readonly passwordLastUsed: Date | undefined;
}

export const IAM_ACCOUNT = "123456789012";
const NAME = /^[\w+=,.@-]{1,64}$/;
const PATH = /^\/([\u0021-\u007e]*\/)?$/;
const ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A stable 21-character user id, "AIDA" and 17 characters from a hash of the name. */
function userIdOf(folded: string): string {
  let id = "AIDA";
  let h = 0x811c9dc5;
  for (let lane = 0; id.length < 21; lane++) {
    for (let i = 0; i < folded.length; i++) h = Math.imul(h ^ folded.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ lane, 0x01000193) >>> 0;
    id += ID_ALPHABET[h % 32];
  }
  return id;
}

export class IamUsers {
  /** Sorted by `folded`. */
  users: IamUser[] = [];

  put(seeds: readonly IamUserSeed[]): void {
    const byName = new Map(this.users.map((user) => [user.folded, user]));
    seeds.forEach((seed, i) => {
      const where = `putIamUsers user ${i}`;
      if (typeof seed?.UserName !== "string" || !NAME.test(seed.UserName)) {
        throw new TypeError(`${where}: UserName must be 1 to 64 of A-Z a-z 0-9 _ + = , . @ -, got ${JSON.stringify(seed?.UserName)}`);
      }
      const path = seed.Path ?? "/";
      if (!PATH.test(path)) throw new TypeError(`${where}: Path must start and end with "/", got ${JSON.stringify(path)}`);
      const folded = seed.UserName.toLowerCase();
      byName.set(folded, {
        userName: seed.UserName,
        folded,
        path,
        userId: seed.UserId ?? userIdOf(folded),
        arn: `arn:aws:iam::${IAM_ACCOUNT}:user${path}${seed.UserName}`,
        createDate: seed.CreateDate ?? new Date(Date.UTC(2024, 0, 1)),
        passwordLastUsed: seed.PasswordLastUsed,
      });
    });
    this.users = [...byName.values()].sort((a, b) => compareKeys(a.folded, b.folded));
  }

  clear(): void {
    this.users = [];
  }
}
