/**
 * (a) Send throughput against the stub server (another process): SmsService.send through a real Nest
 * application context vs a raw undici Pool POST of the same bytes vs HttpService.post as apps do today.
 */
import 'reflect-metadata';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HttpModule, HttpService } from '@nestjs/axios';
import axios from 'axios';
import { firstValueFrom } from 'rxjs';
import { Pool } from 'undici';
import { SmsService, ZIXFLOW_HTTP_SERVICE, ZixflowModule, type ZixflowFastPathOptions } from '../../lib';
import {
  BENCH_API_KEY,
  BENCH_INPUT,
  BENCH_WIRE_BODY,
  BENCH_WORKSPACE,
  SEND_PATH,
  benchZixflowOptions,
} from '../fixtures';
import { runLoad, type LoadResult } from '../load';

export interface SendThroughputResult {
  send: LoadResult;
  /** SmsService.send forced through axios' pipeline by a no-op interceptor: what the fast path saves. */
  sendViaAxios: LoadResult;
  /** SmsService.send with `fastPaths.directDispatch: false` (the documented off switch). */
  sendNoDirectDispatch: LoadResult;
  /** SmsService.send with `fastPaths.precompiledValidation: false`: validateSync on every send. */
  sendNoPrecompiledValidation: LoadResult;
  rawUndici: LoadResult;
  httpService: LoadResult;
}

export interface SendThroughputOptions {
  baseUrl: string;
  total: number;
  warmup: number;
  concurrency: number;
  rounds: number;
  maxMsPerRun: number;
}

/** The headers SmsService puts on the wire (checked against the stub's view in the tests' spirit). */
const WIRE_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json',
  'x-api-key': BENCH_API_KEY,
  'x-workspace-id': BENCH_WORKSPACE,
  'user-agent': `axios/${axios.VERSION}`,
};

async function zixflowContext(
  baseUrl: string,
  fastPaths?: ZixflowFastPathOptions,
): Promise<INestApplicationContext> {
  @Module({
    imports: [ZixflowModule.forRoot({ ...benchZixflowOptions(baseUrl), fastPaths })],
  })
  class SendBenchModule {}
  return NestFactory.createApplicationContext(SendBenchModule, { logger: ['error'] });
}

async function httpServiceContext(baseUrl: string): Promise<INestApplicationContext> {
  @Module({
    imports: [
      HttpModule.register({
        baseURL: baseUrl,
        headers: { 'x-api-key': BENCH_API_KEY, 'x-workspace-id': BENCH_WORKSPACE },
      }),
    ],
  })
  class HttpBenchModule {}
  return NestFactory.createApplicationContext(HttpBenchModule, { logger: ['error'] });
}

/** The fastest round, with the lowest CPU per call seen in any round (both are "least disturbed" figures). */
function best(results: LoadResult[]): LoadResult {
  const fastest = results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return { ...fastest, cpuUsPerCall: Math.min(...results.map((r) => r.cpuUsPerCall)) };
}

export async function runSendThroughput(opts: SendThroughputOptions): Promise<SendThroughputResult> {
  const zixflow = await zixflowContext(opts.baseUrl);
  const sms = zixflow.get(SmsService);
  const viaAxiosCtx = await zixflowContext(opts.baseUrl);
  viaAxiosCtx.get<HttpService>(ZIXFLOW_HTTP_SERVICE).axiosRef.interceptors.request.use((config) => config);
  const smsViaAxios = viaAxiosCtx.get(SmsService);
  const noDirectCtx = await zixflowContext(opts.baseUrl, { directDispatch: false });
  const smsNoDirect = noDirectCtx.get(SmsService);
  const noPrecompiledCtx = await zixflowContext(opts.baseUrl, { precompiledValidation: false });
  const smsNoPrecompiled = noPrecompiledCtx.get(SmsService);
  const httpCtx = await httpServiceContext(opts.baseUrl);
  const http = httpCtx.get(HttpService);
  const origin = new URL(opts.baseUrl).origin;
  const pool = new Pool(origin, { connections: opts.concurrency, pipelining: 1 });

  const contenders: Record<keyof SendThroughputResult, () => Promise<unknown>> = {
    send: () => sms.send(BENCH_INPUT),
    sendViaAxios: () => smsViaAxios.send(BENCH_INPUT),
    sendNoDirectDispatch: () => smsNoDirect.send(BENCH_INPUT),
    sendNoPrecompiledValidation: () => smsNoPrecompiled.send(BENCH_INPUT),
    rawUndici: async () => {
      const res = await pool.request({
        path: SEND_PATH,
        method: 'POST',
        headers: WIRE_HEADERS,
        body: JSON.stringify(BENCH_WIRE_BODY),
      });
      const body = (await res.body.json()) as { success?: boolean; request_id?: string };
      if (res.statusCode !== 200 || body.success !== true || !body.request_id) throw new Error('bad answer');
      return body;
    },
    httpService: async () => {
      const res = await firstValueFrom(http.post(SEND_PATH, BENCH_WIRE_BODY));
      if ((res.data as { success?: boolean }).success !== true) throw new Error('bad answer');
      return res.data;
    },
  };

  const runs: Record<keyof SendThroughputResult, LoadResult[]> = {
    send: [],
    sendViaAxios: [],
    sendNoDirectDispatch: [],
    sendNoPrecompiledValidation: [],
    rawUndici: [],
    httpService: [],
  };
  try {
    // Warm every contender (JIT, sockets) before anything is timed.
    for (const fn of Object.values(contenders)) {
      await runLoad(fn, opts.warmup, opts.concurrency, opts.maxMsPerRun);
    }
    // Alternate the contenders round by round so drift (thermal, neighbours) hits all of them alike.
    for (let round = 0; round < opts.rounds; round++) {
      for (const name of Object.keys(contenders) as Array<keyof SendThroughputResult>) {
        runs[name].push(await runLoad(contenders[name], opts.total, opts.concurrency, opts.maxMsPerRun));
      }
    }
  } finally {
    await pool.close();
    await httpCtx.close();
    await zixflow.close();
    await viaAxiosCtx.close();
    await noDirectCtx.close();
    await noPrecompiledCtx.close();
  }
  return {
    send: best(runs.send),
    sendViaAxios: best(runs.sendViaAxios),
    sendNoDirectDispatch: best(runs.sendNoDirectDispatch),
    sendNoPrecompiledValidation: best(runs.sendNoPrecompiledValidation),
    rawUndici: best(runs.rawUndici),
    httpService: best(runs.httpService),
  };
}
