// The admission gate in front of the app's renderer: at most `perTurn` requests start being handled
// in one turn of the event loop; the others wait for the next turns in arrival order, and a request
// that finds `queued` already waiting is answered at once with 503 and Retry-After (a page in the
// visitor's language) instead of growing the queue without bound.
//
// Why (README, Performance, "Why 0.2–1% of answers waited ~10 s"): Node accepts one new connection
// per event-loop turn, and a turn lasts as long as the work of every request that became ready in
// it. Most of the app's requests run to the end inside the callback that read them (SQLite answers
// synchronously), so 30 busy keep-alive connections made each turn ~30 requests long, and a burst
// of 180 new connections waited 180 such turns to be accepted (3 accepts a second were measured).
// With the gate, a turn starts one request, so new connections are accepted between requests and
// every request is served first come, first served, whichever connection it came on.
//
// It bounds starts, not requests in flight: a client that sends its body slowly holds nothing.

/**
 * @param {{ perTurn?: number, queued?: number, refuse: (req: import("express").Request, res: import("express").Response) => void }} options
 */
export function admissionGate({ perTurn = 1, queued = 1000, refuse }) {
  /** @type {[import("express").Request, import("express").Response, () => void][]} */
  const waiting = [];
  let startedThisTurn = 0;
  let turnScheduled = false;

  // Runs in the check phase, once a turn while anyone waits or anything started.
  const nextTurn = () => {
    turnScheduled = false;
    startedThisTurn = 0;
    while (startedThisTurn < perTurn && waiting.length > 0) {
      const [req, , next] = /** @type {[import("express").Request, import("express").Response, () => void]} */ (waiting.shift());
      // The client gave up while it waited: nothing to do for it.
      if (req.socket.destroyed) continue;
      start(next);
    }
    if (waiting.length > 0) scheduleTurn();
  };
  const scheduleTurn = () => {
    if (turnScheduled) return;
    turnScheduled = true;
    setImmediate(nextTurn);
  };
  const start = (next) => {
    startedThisTurn++;
    scheduleTurn();
    next();
  };

  const gate = (req, res, next) => {
    if (waiting.length === 0 && startedThisTurn < perTurn) return start(next);
    if (waiting.length >= queued) return refuse(req, res);
    waiting.push([req, res, next]);
    scheduleTurn();
  };
  gate.stats = () => ({ waiting: waiting.length });
  return gate;
}
