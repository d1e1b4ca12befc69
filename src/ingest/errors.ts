/** A problem with the user's file or load options that the user can fix (wrong sheet, bad encoding). */
export class IngestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IngestError';
  }
}
