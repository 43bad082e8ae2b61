/**
 * The shapes that pass between the protocol modules (S3, Service Catalog, DynamoDB, Route 53,
 * IAM), the fault queue and the HTTP server.
 */

/** A finished HTTP answer. */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** An error answer's code and message, for the in-process client, which throws without parsing the body. */
  readonly error?: { readonly code: string; readonly message: string };
}

/** A response as the SDK hands it back, without `$metadata`: members by their model names. */
export type Output = Record<string, unknown>;

/** Next-token values by the name of the response member that carries them. */
export type Tokens = Readonly<Record<string, string>>;

/**
 * A listing page, computed but not yet rendered, so a fault can change what it says about the
 * next page (the flag and the tokens) while its items stay the real ones.
 */
export interface Page {
  /** Which listing this is (operation and what it lists), for faults that look back in history. */
  readonly identity: string;
  /** The response members that carry next tokens, whether or not this page has them. */
  readonly tokenNames: readonly string[];
  /** The tokens this request carried, under the names of the response members they came from. */
  readonly sent: Tokens | undefined;
  /** Whether the response has a more-results flag (IsTruncated: S3, Route 53, IAM); JSON operations have none. */
  readonly hasFlag: boolean;
  readonly truncated: boolean;
  readonly next: Tokens | undefined;
  render(truncated: boolean, next: Tokens | undefined): Reply;
  /** The same page as the SDK parses it from the rendered body (S3 listings that the in-process client serves). */
  output?(truncated: boolean, next: Tokens | undefined): Output;
}

/** What a request turned out to be, before it is answered. */
export interface Route {
  /** PascalCase operation name, as in stats and faults. */
  readonly operation: string;
  /** Query parameters (S3, Route 53), top-level JSON body members (Service Catalog, DynamoDB) or form parameters (IAM), as strings. */
  readonly params: Record<string, string>;
  /** This protocol's throttling answer. */
  throttle(): Reply;
  /** This protocol's answer to a failure inside the server. */
  internalError(message: string): Reply;
  /** Answers the request from the stored data. */
  handle(): Reply | Page;
}

export function isPage(result: Reply | Page): result is Page {
  return "render" in result;
}
