/** For specs of the loopback server: the error a request failed with, or a failure if it did not. */

export type SdkError = Error & {
  $metadata?: { httpStatusCode?: number; attempts?: number };
  code?: string;
};

export async function rejection(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error("expected the request to fail");
}
