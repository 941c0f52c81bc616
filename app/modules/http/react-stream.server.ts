import { Transform, type TransformCallback } from "node:stream";

/**
 * The size of the buffer React 18's Node renderer fills before writing it out
 * (VIEW_SIZE in react-dom/cjs/react-dom-server.node.*.js, ReactServerStreamConfigNode).
 */
export const REACT_VIEW_SIZE = 2048;

/**
 * Removes the NUL bytes React 18.3's `renderToPipeableStream` adds to HTML, at their source.
 *
 * The defect (fixed upstream only in React 19): React encodes each string into a 2,048-byte view
 * with `TextEncoder.encodeInto`. When the next character does not fit in what is left of the view
 * (a 3-byte "ệ" with 1 or 2 bytes left, or a 4-byte emoji with 1–3 left), `encodeInto` stops
 * short and React writes out the *whole* view, `currentView` instead of
 * `currentView.subarray(0, writtenBytes)`: the 1–3 bytes it never filled go out as zeros, then
 * the character starts the next view. Nothing is lost or split; bytes are added. So the only
 * chunks that can carry them are exactly 2,048 bytes long and end in 1–3 zero bytes, and no
 * character but U+0000 (never valid in HTML) encodes to a zero byte in UTF-8: trimming those
 * trailing zeros restores exactly the bytes React meant to write.
 *
 * This must be the stream React pipes into, so that it sees React's writes one by one.
 */
export function trimReactViewPadding(chunk: Uint8Array): Uint8Array {
  if (chunk.byteLength !== REACT_VIEW_SIZE || chunk[REACT_VIEW_SIZE - 1] !== 0) return chunk;
  let end = REACT_VIEW_SIZE;
  while (end > REACT_VIEW_SIZE - 3 && chunk[end - 1] === 0) end -= 1;
  return chunk.subarray(0, end);
}

/** The render stream's destination: React's writes in, byte-clean HTML out. */
export function reactHtmlStream(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback) {
      callback(null, trimReactViewPadding(chunk));
    },
  });
}
