import { expect } from "chai";
import { ListUsersCommand, type ListUsersCommandInput, type ListUsersCommandOutput } from "@aws-sdk/client-iam";
import { iamClientFor, type IamUserSeed } from "../../emulator/index.js";
import { rejection } from "../support/rejection.js";
import { useEmulator } from "../support/use-emulator.js";

const pad = (n: number) => String(n).padStart(3, "0");
/** 250 users, seeded in reverse; every 10th under /admin/. */
const USERS: IamUserSeed[] = Array.from({ length: 250 }, (_, i) => ({ UserName: `user-${pad(249 - i)}`, Path: (249 - i) % 10 === 0 ? "/admin/" : "/" }));
const ALL = Array.from({ length: 250 }, (_, i) => `user-${pad(i)}`);
const namesOf = (page: ListUsersCommandOutput) => (page.Users ?? []).map((u) => u.UserName);

describe("loopback IAM ListUsers", () => {
  const list = (input: ListUsersCommandInput = {}) => emulator.iam.send(new ListUsersCommand(input));

  const emulator = useEmulator();
  beforeEach(() => {
    emulator.server.reset();
    emulator.server.putIamUsers(USERS);
  });

  it("pages 100 users by default, by an opaque Marker, and ends with IsTruncated false and no Marker", async () => {
    const seen: (string | undefined)[] = [];
    const sizes: number[] = [];
    let Marker: string | undefined;
    for (let request = 0; request < 5; request++) {
      const page = await list({ Marker });
      seen.push(...namesOf(page));
      sizes.push(page.Users!.length);
      if (!page.IsTruncated) {
        expect(page.Marker).to.equal(undefined);
        break;
      }
      expect(page.Marker).to.match(/^[A-Za-z0-9+/]+=*$/);
      Marker = page.Marker;
    }
    expect(sizes).to.deep.equal([100, 100, 50]);
    expect(seen).to.deep.equal(ALL);
    expect(emulator.server.stats.log.map((r) => Object.keys(r.params))).to.deep.equal([[], ["Marker"], ["Marker"]]);
  });

  it("answers users with IAM's members, ordered by name whatever the case", async () => {
    emulator.server.reset();
    const created = new Date(Date.UTC(2023, 4, 6, 7, 8, 9));
    emulator.server.putIamUsers([{ UserName: "bob" }, { UserName: "Dave", Path: "/ops/", CreateDate: created }, { UserName: "alice" }, { UserName: "Carol" }]);
    const page = await list({ MaxItems: 3 });
    expect(namesOf(page)).to.deep.equal(["alice", "bob", "Carol"]);
    expect(page.IsTruncated).to.equal(true);
    const last = await list({ MaxItems: 3, Marker: page.Marker });
    expect(last.Users).to.have.length(1);
    expect(last.Users![0]).to.deep.include({ UserName: "Dave", Path: "/ops/", Arn: "arn:aws:iam::123456789012:user/ops/Dave", CreateDate: created });
    expect(last.Users![0]!.UserId).to.match(/^AIDA[A-Z2-7]{17}$/);
    expect(last.IsTruncated).to.equal(false);
  });

  it("keeps the users under PathPrefix, and pages them by MaxItems", async () => {
    const first = await list({ PathPrefix: "/admin/", MaxItems: 20 });
    expect(namesOf(first)).to.deep.equal(ALL.filter((_, i) => i % 10 === 0).slice(0, 20));
    const second = await list({ PathPrefix: "/admin/", MaxItems: 20, Marker: first.Marker });
    expect(namesOf(second)).to.deep.equal(ALL.filter((_, i) => i % 10 === 0).slice(20));
    expect(second.IsTruncated).to.equal(false);
  });

  it("answers IAM's errors: MaxItems out of 1..1000, a marker it did not mint", async () => {
    for (const MaxItems of [0, 1001]) {
      const error = await rejection(list({ MaxItems }));
      expect(error.name).to.equal("ValidationError");
      expect(error.$metadata?.httpStatusCode).to.equal(400);
    }
    expect((await list({ MaxItems: 1000 })).Users).to.have.length(250);
    // IAM's code InvalidInput is the SDK's modelled InvalidInputException (its awsQueryError code).
    const marker = await rejection(list({ Marker: "garbage" }));
    expect(marker.name).to.equal("InvalidInputException");
    expect((marker as { Code?: string }).Code).to.equal("InvalidInput");
  });

  it("throttles as a 400 Throttling <ErrorResponse>, which the SDK's own retries absorb", async () => {
    emulator.server.inject({ operation: "ListUsers", kind: "throttle" });
    const error = await rejection(list());
    expect(error.name).to.equal("Throttling");
    expect(error.$metadata?.httpStatusCode).to.equal(400);
    emulator.server.inject({ operation: "ListUsers", kind: "throttle" });
    const page = await iamClientFor(emulator.server, { maxAttempts: 2 }).send(new ListUsersCommand({ MaxItems: 1 }));
    expect(page.$metadata.attempts).to.equal(2);
  });

  it("token faults shape the Marker: empty-token, final-zero-marker", async () => {
    emulator.server.inject({ operation: "ListUsers", kind: "empty-token" });
    const empty = await list({ MaxItems: 5 });
    expect(empty.IsTruncated).to.equal(true);
    expect(empty.Marker).to.equal("");
    emulator.server.inject({ operation: "ListUsers", kind: "final-zero-marker" });
    const zero = await list({ MaxItems: 5 });
    expect(zero.IsTruncated).to.equal(false);
    expect(zero.Marker).to.equal("0");
  });

  it("refuses bad seeds", () => {
    expect(() => emulator.server.putIamUsers([{ UserName: "has space" }])).to.throw(TypeError, /UserName/);
    expect(() => emulator.server.putIamUsers([{ UserName: "ok", Path: "no-slash" }])).to.throw(TypeError, /Path/);
  });
});
