/** For specs: the error a promise rejected with, or a failure if it did not reject. */

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
  throw new Error("expected a rejection");
}
