// netkit's pure library as a serverless function: an AWS Lambda-style handler that
// sleeps until an event wakes it, answers, and sleeps again. It answers with the same
// JSON the CLI prints (`netkit subnet --json`, `netkit same-net --json`), because both
// call the same report functions. No AWS SDK: the handler is a plain async function.
//
// Events it understands:
//   direct invocation   {"op": "subnet", "input": "210.170.1.1/24"}
//                       {"op": "subnet", "input": "210.170.1.1", "mask": "255.255.255.0"}
//                       {"op": "same-net", "addresses": ["210.170.1.1", "210.170.2.1"], "mask": "255.255.255.0"}
//   HTTP (API Gateway REST/HTTP API proxy, Lambda function URL): the same object as the
//   JSON request body (base64 when isBase64Encoded), answered as {statusCode, headers, body}.
//
// Bad input is answered, never thrown: {statusCode: 400, error: "bad request", message}
// (in the body, for HTTP events), and a bug becomes a 500 answer without details.
//
// To deploy: bundle it into one file (about 50 KB, no dependencies) and upload that,
// with the handler set to index.handler on a Node.js 20 runtime:
//   npx esbuild examples/lambda/handler.ts --bundle --platform=node --format=esm \
//     --target=node20 --outfile=lambda/index.mjs

import { NetkitError, NetkitRangeError } from '../../src/core/errors.js';
import { sameNetReport, subnetReport } from '../../src/core/report.js';

/** What a direct invocation returns on success: the report itself, exactly as the CLI's --json. */
export type Report = Record<string, unknown>;

export interface ErrorAnswer {
  statusCode: 400 | 500;
  error: 'bad request' | 'internal error';
  message: string;
}

/** The response shape API Gateway and function URLs expect from a proxy integration. */
export interface HttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** The few members of the Lambda context this handler reads (all optional: tests pass {}). */
export interface LambdaContext {
  awsRequestId?: string;
  functionName?: string;
}

class BadRequest extends Error {}

/** JSON exactly as ctx.jsonLine writes it: bigint as decimal strings. */
function toJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

function maskOf(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  // A mask may come as 24 as well as "24" or "255.255.255.0".
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  if (typeof v === 'string') return v;
  throw new BadRequest('"mask" must be a string such as "255.255.255.0" or "/24", or a prefix length');
}

/** Answer one request object; throws BadRequest or the core's errors for bad input. */
function answer(req: unknown): Report {
  if (req === null || typeof req !== 'object' || Array.isArray(req)) {
    throw new BadRequest('the event must be a JSON object with an "op"');
  }
  const r = req as Record<string, unknown>;
  const mask = maskOf(r.mask);
  const opts = mask === undefined ? {} : { mask };
  switch (r.op) {
    case 'subnet': {
      if (typeof r.input !== 'string') throw new BadRequest('"subnet" needs "input": an address, optionally with a prefix, such as "210.170.1.1/24"');
      return JSON.parse(toJson(subnetReport(r.input, opts))) as Report;
    }
    case 'same-net': {
      const a = r.addresses;
      if (!Array.isArray(a) || !a.every((x) => typeof x === 'string')) {
        throw new BadRequest('"same-net" needs "addresses": an array of two or more address strings');
      }
      return JSON.parse(toJson(sameNetReport(a as string[], opts))) as Report;
    }
    default:
      throw new BadRequest(`unknown "op" ${typeof r.op === 'string' ? JSON.stringify(r.op.slice(0, 40)) : '(missing)'}: use "subnet" or "same-net"`);
  }
}

function errorAnswer(e: unknown): ErrorAnswer {
  if (e instanceof BadRequest || e instanceof NetkitError || e instanceof NetkitRangeError) {
    return { statusCode: 400, error: 'bad request', message: e.message };
  }
  // Details of a bug go to the function's log, not to the caller.
  console.error(e);
  return { statusCode: 500, error: 'internal error', message: 'internal error' };
}

function isHttpEvent(e: unknown): e is { body?: string | null; isBase64Encoded?: boolean } {
  if (e === null || typeof e !== 'object') return false;
  const o = e as Record<string, unknown>;
  return 'requestContext' in o || 'httpMethod' in o || ('body' in o && !('op' in o));
}

function http(statusCode: number, body: unknown): HttpAnswer {
  return { statusCode, headers: { 'content-type': 'application/json' }, body: toJson(body), isBase64Encoded: false };
}

/** The Lambda entry point. */
export async function handler(event: unknown, _context: LambdaContext = {}): Promise<Report | ErrorAnswer | HttpAnswer> {
  if (isHttpEvent(event)) {
    let req: unknown;
    try {
      const raw = event.body ?? '';
      const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
      if (text.length > 65536) throw new BadRequest('the request body is larger than 64 KiB');
      try {
        req = JSON.parse(text);
      } catch {
        throw new BadRequest('the request body is not JSON');
      }
      return http(200, answer(req));
    } catch (e) {
      const err = errorAnswer(e);
      return http(err.statusCode, err);
    }
  }
  try {
    return answer(event);
  } catch (e) {
    return errorAnswer(e);
  }
}
