/**
 * The API reference is one a newcomer can start from. typedoc runs once, with typedoc.json's
 * validation and treatWarningsAsErrors, into a temporary folder (HTML and JSON), after
 * scripts/docs/service-modules.ts has written the service modules page, as `npm run docs` does.
 * The reference builds without one warning; its front page (the README) has the quick start and
 * links every guide; every guide of docs/ is in it, in typedoc.json's order, linking to the API
 * and linked from the entry points' pages; every export is in one of the groups of what a user
 * does (a new export without a `@group` fails here) and has an `@example`; and what is marked
 * `@internal` stays out.
 */
import { expect } from "chai";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { ReflectionKind } from "typedoc";
import { writeServiceModulesPage } from "../../scripts/docs/service-modules.js";

interface CommentPart {
  kind: string;
  text: string;
}
interface Comment {
  summary?: CommentPart[];
  blockTags?: { tag: string; content: CommentPart[] }[];
}
interface Reflection {
  id: number;
  name: string;
  kind: number;
  comment?: Comment;
  signatures?: Reflection[];
  getSignature?: Reflection;
  children?: Reflection[];
  documents?: Reflection[];
  groups?: { title: string; children: number[] }[];
  frontmatter?: Record<string, unknown>;
}

const root = resolve(".");
const typedocJson = JSON.parse(readFileSync("typedoc.json", "utf8")) as { projectDocuments: string[]; groupOrder: string[] };

/** The groups of what a user does, in order; every export belongs to one. */
const EXPORT_GROUPS = ["Start here", "Reading a listing", "Tables", "Not flooding the service", "Errors", "Types"];
/** Where everyone starts; each of their pages links to a guide. */
const START_HERE = ["withPaginators", "getPaginator", "canPaginate", "Paginator", "PageIterator"];
/** The guides a newcomer needs, in the order the reference gives them (others may come between). */
const GUIDES = [
  "Getting started",
  "Migrating from boto3",
  "Migrating from the Go SDK",
  "Semantics and resume tokens",
  "Errors",
  "Throttling and fan-out",
  "Bundles and browsers",
  "Every AWS service and the table format",
];
/** docs/*.md that are not project documents: the folder's index on GitHub. */
const NOT_DOCUMENTS = ["docs/README.md"];
const GENERATED = "docs/service-modules.md";

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

/** The relative links of an HTML page, without their #anchors. */
function links(html: string): Set<string> {
  return new Set([...html.matchAll(/href="([^"#]+)(?:#[^"]*)?"/g)].map((match) => match[1]!).filter((href) => !/^[a-z]+:/.test(href)));
}

describe("the API reference (typedoc)", function () {
  this.timeout(120_000);

  let folder: string;
  let project: Reflection;
  let output: string;
  /** Each document's page, by the document's title. */
  const pages = new Map<string, string>();
  const html = (path: string): string => readFileSync(join(folder, "html", path), "utf8");

  before(async () => {
    await writeServiceModulesPage(GENERATED);
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
    for (const file of readdirSync(join(folder, "html", "documents"))) {
      const title = /<title>(.*?) \| /.exec(html(join("documents", file)))?.[1];
      if (title) pages.set(title.replaceAll("&amp;", "&"), join("documents", file));
    }
  });

  after(() => rmSync(folder, { recursive: true, force: true }));

  it("builds without a warning", () => {
    // eslint-disable-next-line no-control-regex
    expect(output.replace(/\u001b\[[0-9;]*m/g, "")).not.to.match(/\[warning\]|\[error\]/);
  });

  it("has the quick start on its front page, and a link to every guide", () => {
    const front = html("index.html");
    expect(front).to.include("Quick start: three ways to iterate");
    for (const call of ["withPaginators", "paginate", "items", "next", "currentPage", "resumeToken"]) expect(front, call).to.include(call);
    const guides = (project.documents ?? []).filter((document) => document.frontmatter?.group === "Guides").map((document) => document.name);
    const unlinked = guides.filter((name) => !links(front).has(pages.get(name)!));
    expect(unlinked, "guides the front page (README.md's Guides section) does not link to").to.deep.equal([]);
  });

  it("has every guide of docs/, in typedoc.json's order, the newcomer's guides in theirs", () => {
    const listed = typedocJson.projectDocuments;
    const files = readdirSync("docs")
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/${name}`);
    const missing = files.filter((file) => !listed.includes(file) && !NOT_DOCUMENTS.includes(file));
    expect(missing, "docs/*.md not listed in typedoc.json's projectDocuments: add each where it belongs in the order").to.deep.equal([]);
    const names = (project.documents ?? []).map((document) => document.name);
    expect(names, "one document per projectDocuments entry").to.have.length(listed.length);
    expect(
      names.filter((name) => GUIDES.includes(name)),
      "the guides, in order",
    ).to.deep.equal(GUIDES);
    for (const document of project.documents ?? []) {
      expect(document.frontmatter?.group, `${document.name}'s front matter group`).to.be.oneOf(["Guides", ...EXPORT_GROUPS]);
    }
  });

  it("lists every guide in docs/README.md too, the folder's index on GitHub", () => {
    const index = readFileSync("docs/README.md", "utf8");
    const unlisted = typedocJson.projectDocuments.filter((file) => file !== GENERATED && !index.includes(`](${file.slice("docs/".length)})`));
    expect(unlisted, "guides docs/README.md does not link to").to.deep.equal([]);
  });

  it("links the guides to the API, and the entry points to the guides", () => {
    const apiFolders = ["classes/", "functions/", "interfaces/", "types/", "variables/"];
    for (const name of GUIDES) {
      const targets = [...links(html(pages.get(name)!))].map((href) => href.replace(/^\.\.\//, ""));
      expect(
        targets.some((href) => apiFolders.some((prefix) => href.startsWith(prefix))),
        `${name} links to an API page ({@link …})`,
      ).to.equal(true);
    }
    for (const name of START_HERE) {
      const reflection = (project.children ?? []).find((child) => child.name === name)!;
      const path = `${reflection.kind === ReflectionKind.Class ? "classes" : "functions"}/${name}.html`;
      expect([...links(html(path))].some((href) => href.startsWith("../documents/")), `${path} links to a guide (@see)`).to.equal(true);
    }
  });

  it("answers a newcomer's first questions two clicks from the front page", () => {
    expect(html(pages.get("Semantics and resume tokens")!)).to.include("Resuming after a crash");
    expect(html(pages.get("Every AWS service and the table format")!)).to.include("aws-paginators/services/dynamodb");
    expect(html(pages.get("Service modules")!)).to.include("dynamodbTable");
  });

  it("puts every export in a group of what a user does, never in a kind's group or Other", () => {
    expect(typedocJson.groupOrder).to.deep.equal(["Guides", ...EXPORT_GROUPS]);
    const exports = project.children ?? [];
    const groupOf = new Map<number, string[]>();
    for (const group of project.groups ?? []) for (const id of group.children) groupOf.set(id, [...(groupOf.get(id) ?? []), group.title]);
    const ungrouped = exports
      .filter((reflection) => {
        const groups = groupOf.get(reflection.id) ?? [];
        return groups.length !== 1 || !EXPORT_GROUPS.includes(groups[0]!);
      })
      .map((reflection) => `${reflection.name} (in ${(groupOf.get(reflection.id) ?? ["no group"]).join(", ")})`);
    expect(ungrouped, `exports whose doc comment needs one of: ${EXPORT_GROUPS.map((group) => `@group ${group}`).join(", ")}`).to.deep.equal([]);
    const startHere = project.groups?.find((group) => group.title === "Start here")?.children ?? [];
    expect(exports.filter((reflection) => startHere.includes(reflection.id)).map((reflection) => reflection.name)).to.have.members(START_HERE);
    expect((project.groups ?? []).map((group) => group.title)).to.not.include("Other");
  });

  it("gives every export of lib/index.ts an @example", () => {
    const exports = project.children ?? [];
    expect(exports.map((reflection) => reflection.name)).to.include.members(["withPaginators", "Paginator", "PageIterator", "boundedMap", "s3Table", "serviceCatalogTable"]);
    const missing = exports.filter((reflection) => !hasTsExample(reflection)).map((reflection) => reflection.name);
    expect(missing, "exports without a ```ts @example").to.deep.equal([]);
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
