/**
 * The API reference builds clean: typedoc, with typedoc.json's validation and
 * treatWarningsAsErrors, generates it (to a temporary folder) without one warning; every export of
 * lib/index.ts and every public member of its classes has an `@example` with a ```ts block; and
 * what is marked `@internal` stays out.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ReflectionKind } from "typedoc";

interface CommentPart {
  kind: string;
  text: string;
}
interface Comment {
  summary?: CommentPart[];
  blockTags?: { tag: string; content: CommentPart[] }[];
}
interface Reflection {
  name: string;
  kind: number;
  comment?: Comment;
  signatures?: Reflection[];
  getSignature?: Reflection;
  children?: Reflection[];
  inheritedFrom?: unknown;
  flags?: { isExternal?: boolean; isPrivate?: boolean; isProtected?: boolean };
}

const root = resolve(".");
const MEMBER_KINDS = ReflectionKind.Constructor | ReflectionKind.Property | ReflectionKind.Method | ReflectionKind.Accessor;

/** The comments that describe a reflection: its own, or its signatures'. */
function commentsOf(reflection: Reflection): Comment[] {
  const comments = [reflection.comment, reflection.getSignature?.comment, ...(reflection.signatures ?? []).map((s) => s.comment)];
  return comments.filter((comment): comment is Comment => comment !== undefined);
}

function hasTsExample(reflection: Reflection): boolean {
  return commentsOf(reflection).some((comment) =>
    (comment.blockTags ?? []).some((tag) => tag.tag === "@example" && tag.content.some((part) => part.kind === "code" && part.text.startsWith("```ts"))),
  );
}

describe("the API reference (typedoc)", function () {
  this.timeout(60_000);

  let folder: string;
  let project: Reflection;
  let output: string;

  before(() => {
    folder = mkdtempSync(join(tmpdir(), "aws-paginators-typedoc-"));
    try {
      // typedoc.json sets treatWarningsAsErrors: any warning fails the command.
      output = execFileSync(
        process.execPath,
        [join(root, "node_modules/typedoc/bin/typedoc"), "--out", join(folder, "html"), "--json", join(folder, "api.json")],
        { cwd: root, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
      );
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      rmSync(folder, { recursive: true, force: true });
      throw new Error(`typedoc failed:\n${stdout}${stderr}`);
    }
    project = JSON.parse(readFileSync(join(folder, "api.json"), "utf8")) as Reflection;
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it("builds without a warning", () => {
    // eslint-disable-next-line no-control-regex
    expect(output.replace(/\u001b\[[0-9;]*m/g, "")).not.to.match(/\[warning\]|\[error\]/);
  });

  it("gives every export of lib/index.ts an @example", () => {
    const exports = project.children ?? [];
    expect(exports.map((reflection) => reflection.name)).to.include.members(["withPaginators", "Paginator", "PageIterator", "boundedMap", "s3Table", "serviceCatalogTable"]);
    const missing = exports.filter((reflection) => !hasTsExample(reflection)).map((reflection) => reflection.name);
    expect(missing, "exports without a ```ts @example").to.deep.equal([]);
  });

  it("gives every public member of an exported class an @example", () => {
    const missing: string[] = [];
    for (const cls of (project.children ?? []).filter((reflection) => reflection.kind === ReflectionKind.Class)) {
      for (const member of cls.children ?? []) {
        if ((member.kind & MEMBER_KINDS) === 0 || member.inheritedFrom || member.flags?.isExternal) continue;
        if (!hasTsExample(member)) missing.push(`${cls.name}.${member.name}`);
      }
    }
    expect(missing, "class members without a ```ts @example").to.deep.equal([]);
  });

  it("leaves out what is @internal", () => {
    for (const name of ["Paginator", "PageIterator"]) {
      const cls = (project.children ?? []).find((reflection) => reflection.name === name);
      expect(cls, name).to.not.equal(undefined);
      const constructors = (cls!.children ?? []).filter((member) => member.kind === ReflectionKind.Constructor);
      expect(constructors, `${name}'s constructor is @internal`).to.deep.equal([]);
    }
  });
});
