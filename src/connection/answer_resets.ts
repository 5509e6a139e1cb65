// A connection reset while an answer is arriving must fail the request at once, as a reset.
// node-fetch pipes Node's response into a body stream of its own; when the socket dies mid-body,
// Node destroys the response with `aborted` (ECONNRESET), but the pipe does not pass that on, so
// node-fetch waits for its timeout and reports "Response timeout" (25 s, and the wrong cause). A
// chunked answer is caught by node-fetch itself ("Premature close"); one with a Content-Length is
// not. node-fetch does destroy its body stream when the request reports an error, and Node has
// already marked the request done (so destroying it emits nothing): the reset is reported on the
// request, and node-fetch fails with "Invalid response body … ECONNRESET" at once. Node's http
// diagnostics channel sees every client request, so no agent needs replacing.
import diagnosticsChannel from 'node:diagnostics_channel';
import type { ClientRequest, IncomingMessage } from 'node:http';

// Node's diagnostics channel is one per process, while this module may be loaded again (Jest loads
// it once per test file, each with globals of its own): the mark lives on the channel itself, so each
// request is watched once.
const WATCHING = Symbol.for('wp-jwt-zapier.answer-resets');
const requestStart = diagnosticsChannel.channel('http.client.request.start') as object as { [WATCHING]?: boolean };

function watch(request: ClientRequest): void {
  request.once('response', (response: IncomingMessage) => {
    response.once('close', () => {
      // Ended answers are complete; a request nobody listens to for errors is left alone.
      if (response.complete || request.listenerCount('error') === 0) return;
      request.emit(
        'error',
        Object.assign(new Error('connection reset while the answer was arriving'), { code: 'ECONNRESET' }),
      );
    });
  });
}

/** Starts watching client requests (once per process). */
export function failResetAnswersAtOnce(): void {
  if (requestStart[WATCHING]) return;
  requestStart[WATCHING] = true;
  diagnosticsChannel.subscribe('http.client.request.start', (message) => {
    const { request } = message as { request?: ClientRequest };
    if (request) watch(request);
  });
}
