// Types of the optional peer dependencies, in one hand-written declaration file that the build
// copies beside the compiled code. A program may install @aws-sdk/client-s3 and not
// @aws-sdk/client-service-catalog, or the reverse: each `@ts-ignore` keeps the missing package's
// import from failing that program's type check (also with skipLibCheck off). The missing type is
// then `any`, which `Installed<>` in with-paginators.ts turns into `never`.

// @ts-ignore: optional peer dependency
export type S3Module = typeof import("@aws-sdk/client-s3");
// @ts-ignore: optional peer dependency
export type S3Client = import("@aws-sdk/client-s3").S3Client;
// @ts-ignore: optional peer dependency
export type ServiceCatalogModule = typeof import("@aws-sdk/client-service-catalog");
// @ts-ignore: optional peer dependency
export type ServiceCatalogClient = import("@aws-sdk/client-service-catalog").ServiceCatalogClient;
