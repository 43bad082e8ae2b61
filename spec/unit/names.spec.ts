import { S3Client } from "@aws-sdk/client-s3";
import { expect } from "chai";
import { canPaginate, getPaginator, OperationNotPageableError, PaginationError, withPaginators } from "../../lib/index.js";
import { camelCase, nearestNames, snakeCase } from "../../lib/names.js";

describe("operation names", () => {
  it("spells a PascalCase name in camelCase and as boto3's snake_case", () => {
    expect(camelCase("ListObjectsV2")).to.equal("listObjectsV2");
    expect(snakeCase("ListObjectsV2")).to.equal("list_objects_v2");
    expect(snakeCase("ListBucketIntelligentTieringConfigurations")).to.equal("list_bucket_intelligent_tiering_configurations");
    expect(snakeCase("GetObjectAttributes")).to.equal("get_object_attributes");
    expect(snakeCase("DescribeDBInstances")).to.equal("describe_db_instances");
    expect(snakeCase("ListV2LoggingLevels")).to.equal("list_v2_logging_levels");
  });

  it("finds a paginator by any of the three spellings", () => {
    const s3 = withPaginators(new S3Client({ region: "us-east-1" }));
    for (const name of ["listObjectsV2", "ListObjectsV2", "list_objects_v2"] as const) {
      expect(s3.getPaginator(name).operation).to.equal("ListObjectsV2");
    }
    expect(s3.getPaginator("list_object_versions").operation).to.equal("ListObjectVersions");
  });

  it("rejects an unknown name at run time, listing the nearest valid names", () => {
    const s3 = withPaginators(new S3Client({ region: "us-east-1" }));
    let error: unknown;
    try {
      s3.getPaginator("listObject" as never);
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(OperationNotPageableError).and.instanceOf(PaginationError);
    const notPageable = error as OperationNotPageableError;
    expect(notPageable.name).to.equal("OperationNotPageableError");
    expect(notPageable.suggestions).to.include("listObjects");
    expect(notPageable.message).to.match(/S3 has no paginator named "listObject"\. Did you mean .*listObjects/);
    expect(nearestNames("list_object_version", ["ListObjectVersions", "ListParts", "ListBuckets"])).to.deep.equal(["listObjectVersions"]);
    expect(() => s3.getPaginator("getObject" as never)).to.throw(OperationNotPageableError, /no paginator named "getObject"/);
  });

  it("answers canPaginate for every spelling, on the client and as a function", () => {
    const client = new S3Client({ region: "us-east-1" });
    const s3 = withPaginators(client);
    expect(s3.canPaginate("listObjectVersions")).to.equal(true);
    expect(s3.canPaginate("list_multipart_uploads")).to.equal(true);
    expect(s3.canPaginate("GetObject")).to.equal(false);
    expect(s3.canPaginate(42 as never)).to.equal(false);
    expect(canPaginate(client, "ListParts")).to.equal(true);
    expect(getPaginator(client, "listParts").rule.inputToken).to.deep.equal(["PartNumberMarker"]);
  });

  it("refuses a client it has no table for, and names the module its table is in", () => {
    expect(() => withPaginators({ config: { serviceId: "DynamoDB" }, send() {} } as never)).to.throw(
      PaginationError,
      /no built-in paginator table for the DynamoDB client .*: pass its table, import \{ dynamodbTable \} from "aws-paginators\/services\/dynamodb"/,
    );
    expect(() => withPaginators({ config: { serviceId: "CloudWatch Logs" }, send() {} } as never)).to.throw(
      PaginationError,
      /import \{ cloudwatchLogsTable \} from "aws-paginators\/services\/cloudwatch-logs"/,
    );
    expect(() => withPaginators({ send() {} } as never)).to.throw(PaginationError, /whose config names no service: pass a table, withPaginators\(client, defineTable/);
    expect(() => getPaginator(null as never, "listObjectsV2" as never)).to.throw(PaginationError, /take an AWS SDK v3 client/);
  });
});
