/**
 * What an `@example` in lib/ may use without declaring it, so that an example shows only the
 * lines that matter: every export of the package, the S3 client, and the values a reader is
 * assumed to have at hand (an S3 client with paginators, a paginator, a run, a bucket name, a
 * caught error). spec/support/doc-examples.ts imports into each example the names it uses from here.
 */
import type { S3Client } from "@aws-sdk/client-s3";
import type { PaginationError, PaginatorFor, PaginatorMethods, s3Table } from "aws-paginators";

export * from "aws-paginators";
export { NoSuchBucket, S3Client, type GetObjectAttributesCommandOutput, type ListObjectVersionsCommandOutput } from "@aws-sdk/client-s3";

export declare const Bucket: string;
export declare const s3: S3Client & PaginatorMethods<typeof s3Table>;
export declare const paginator: PaginatorFor<typeof s3Table, "listObjectsV2">;
export declare const run: ReturnType<typeof paginator.paginate>;
export declare const input: Parameters<typeof paginator.paginate>[0];
export declare const error: PaginationError;
export declare const resumeToken: string | undefined;
export declare const signal: AbortSignal;
/** Any object with a `send()` that S3's commands can go through. */
export declare const someS3LikeClient: object;
export declare function use(page: unknown): void;
export declare function save(resumeToken: string): void;
export declare function report(operation: string | undefined): void;
