/**
 * The Web Worker behind parseOffThread: runs one reader on the bytes it is sent and posts
 * back its tables packed for insertion, or the error's message.
 */
import { IngestError } from '../errors.ts';
import { parsers } from './parsers.ts';
import type { ParseReply, ParseRequest } from './protocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ParseRequest>) => void) | null;
  postMessage(message: ParseReply): void;
};

scope.onmessage = ({ data }) => {
  const run = async (): Promise<ParseReply> => {
    try {
      return {
        ok: true,
        result: await parsers[data.kind](data.bytes, data.fileName, data.options),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, message, ingest: error instanceof IngestError };
    }
  };
  void run().then((reply) => scope.postMessage(reply));
};
