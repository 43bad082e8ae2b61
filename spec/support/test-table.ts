/**
 * A table for a made-up service, with fake command classes, so unit specs can drive every rule
 * shape through the bare-client path (`send(new XCommand(input))`).
 */
import { defineTable } from "../../lib/index.js";

function command(name: string) {
  const Command = class {
    readonly input: Record<string, unknown>;
    constructor(input: Record<string, unknown>) {
      this.input = input;
    }
  };
  Object.defineProperty(Command, "name", { value: `${name}Command` });
  return Command;
}

export const testCommands = {
  ListThingsCommand: command("ListThings"),
  ListFlaggedCommand: command("ListFlagged"),
  ListPairsCommand: command("ListPairs"),
  ListKeyedCommand: command("ListKeyed"),
  ListNestedCommand: command("ListNested"),
  ScanCommand: command("Scan"),
  ListUnlimitedCommand: command("ListUnlimited"),
  GetEventsCommand: command("GetEvents"),
};

export const testTable = defineTable({
  service: "Test",
  commands: () => testCommands,
  rules: {
    GetEvents: { inputToken: "nextToken", outputToken: "nextForwardToken", resultKey: "events", endOnEchoedToken: true },
    ListThings: { inputToken: "NextToken", outputToken: "NextToken", limitKey: "MaxResults", resultKey: ["Items", "Others"], nonAggregateKeys: ["Owner"] },
    ListFlagged: { inputToken: "Marker", outputToken: "NextMarker", moreResults: "IsTruncated", limitKey: "MaxResults", resultKey: "Items" },
    ListPairs: {
      inputToken: ["KeyMarker", "IdMarker"],
      outputToken: ["NextKeyMarker", "NextIdMarker"],
      moreResults: "IsTruncated",
      limitKey: "MaxResults",
      resultKey: ["Items", "Markers"],
    },
    ListKeyed: { inputToken: "Marker", outputToken: "NextMarker || Items[-1].Key", moreResults: "IsTruncated", limitKey: "MaxResults", resultKey: "Items" },
    ListNested: {
      inputToken: "PartMarker",
      outputToken: "Parts.NextPartMarker",
      moreResults: "Parts.IsTruncated",
      limitKey: "MaxResults",
      resultKey: "Parts.Items",
    },
    Scan: { inputToken: "ExclusiveStartKey", outputToken: "LastEvaluatedKey", limitKey: "Limit", resultKey: ["Items", "Count", "ScannedCount"] },
    ListUnlimited: { inputToken: "NextToken", outputToken: "NextToken", resultKey: "Items" },
  },
});
