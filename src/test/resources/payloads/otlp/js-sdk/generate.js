'use strict';
// Records the OTLP/HTTP JSON bodies that the OpenTelemetry JS SDK (@opentelemetry/sdk-metrics with
// @opentelemetry/exporter-metrics-otlp-http) sends, for the service's tests. Run: node generate.js <outdir>
//
// The SDK stamps points with Date.now(), in whole milliseconds. Date.now is pinned to chosen instants here so that
// the bodies are reproducible and so that each "process" records and exports within one millisecond: exactly the
// case where a new cumulative series' first point has start_time_unix_nano == time_unix_nano and a real value.
const http = require('http');
const fs = require('fs');
const path = require('path');
const { MeterProvider, PeriodicExportingMetricReader } = require('@opentelemetry/sdk-metrics');
const { OTLPMetricExporter, AggregationTemporalityPreference } = require('@opentelemetry/exporter-metrics-otlp-http');
const { resourceFromAttributes } = require('@opentelemetry/resources');
const { ValueType } = require('@opentelemetry/api');

const out = process.argv[2];
const bodies = [];
let now = 0;
Date.now = () => now;

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', c => chunks.push(c));
  req.on('end', () => {
    bodies.push({ contentType: req.headers['content-type'], body: Buffer.concat(chunks) });
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{}');
  });
});

/**
 * One exporter process: a MeterProvider with Claude Code's meter and instruments, exporting on demand. Whether
 * Claude Code counts tokens as INT or DOUBLE is not documented: the cumulative bodies use INT (asInt, a JSON
 * number), the delta bodies DOUBLE (asDouble).
 */
function start(url, team, temporality, tokenValueType) {
  const exporter = new OTLPMetricExporter({
    url, headers: { Authorization: 'Bearer test-ingest-token' }, temporalityPreference: temporality,
  });
  const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 1e9 });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': 'claude-code', 'service.version': '2.1.75',
      team, workflow: 'coding' }),
    readers: [reader],
  });
  const meter = provider.getMeter('com.anthropic.claude_code', '2.1.75');
  return {
    tokens: meter.createCounter('claude_code.token.usage', { description: 'Number of tokens used', unit: 'tokens',
      valueType: tokenValueType }),
    cost: meter.createCounter('claude_code.cost.usage', { description: 'Cost of the Claude Code session', unit: 'USD' }),
    flush: () => reader.forceFlush(),
    stop: () => provider.shutdown(),
  };
}

const ATTRS = { 'session.id': 'js-session-1', 'user.id': 'js-user-1', model: 'claude-sonnet-4-5' };
const t = (type) => ({ ...ATTRS, type });
const M = Date.parse('2026-03-02T11:00:00.123Z');
const S = 1000;

/** Saves the one body exported since the last call. */
function save(name) {
  if (bodies.length !== 1) throw new Error(name + ': ' + bodies.length + ' exports');
  const b = bodies.shift();
  if (b.contentType !== 'application/json') throw new Error('unexpected content type ' + b.contentType);
  fs.writeFileSync(path.join(out, name), b.body);
}

server.listen(0, '127.0.0.1', async () => {
  const url = `http://127.0.0.1:${server.address().port}/v1/metrics`;
  try {
    // Cumulative, first process: started and first exported within the millisecond M.
    now = M;
    let p = start(url, 'otjs-cumul', AggregationTemporalityPreference.CUMULATIVE, ValueType.INT);
    p.tokens.add(1200, t('input'));
    p.tokens.add(300, t('output'));
    p.cost.add(0.42, ATTRS);
    await p.flush(); await save('cumulative-1-first.json');
    // One minute later: more tokens, and a series (cacheRead) that starts in the millisecond of this export.
    now = M + 60 * S;
    p.tokens.add(800, t('input'));
    p.tokens.add(100, t('output'));
    p.tokens.add(5000, t('cacheRead'));
    p.cost.add(0.18, ATTRS);
    await p.flush(); await save('cumulative-2-later.json');
    await p.stop(); if (bodies.length) save('cumulative-2b-shutdown.json');
    // The exporter restarts (same attributes, so the same series) and exports within its first millisecond.
    now = M + 120 * S;
    p = start(url, 'otjs-cumul', AggregationTemporalityPreference.CUMULATIVE, ValueType.INT);
    p.tokens.add(500, t('input'));
    p.tokens.add(50, t('output'));
    p.cost.add(0.05, ATTRS);
    await p.flush(); await save('cumulative-3-restart.json');
    now = M + 180 * S;
    p.tokens.add(3000, t('input'));
    p.cost.add(0.30, ATTRS);
    await p.flush(); await save('cumulative-4-after-restart.json');
    await p.stop(); if (bodies.length) save('cumulative-4b-shutdown.json');
    // Restarts again and, within its first millisecond, already holds more input tokens than before the restart.
    now = M + 240 * S;
    p = start(url, 'otjs-cumul', AggregationTemporalityPreference.CUMULATIVE, ValueType.INT);
    p.tokens.add(4000, t('input'));
    p.tokens.add(20, t('output'));
    p.cost.add(0.50, ATTRS);
    await p.flush(); await save('cumulative-5-restart-higher.json');
    await p.stop(); if (bodies.length) save('cumulative-5b-shutdown.json');

    // Delta temporality (Claude Code's default): three exports, the last two with equal values.
    now = M;
    p = start(url, 'otjs-delta', AggregationTemporalityPreference.DELTA, ValueType.DOUBLE);
    p.tokens.add(1200, t('input'));
    p.cost.add(0.42, ATTRS);
    await p.flush(); await save('delta-1.json');
    now = M + 60 * S;
    p.tokens.add(800, t('input'));
    p.cost.add(0.18, ATTRS);
    await p.flush(); await save('delta-2.json');
    now = M + 120 * S;
    p.tokens.add(800, t('input'));
    p.cost.add(0.18, ATTRS);
    await p.flush(); await save('delta-3.json');
    await p.stop(); if (bodies.length) save('delta-3b-shutdown.json');
    if (bodies.length) throw new Error(bodies.length + ' unexpected exports');
  } finally {
    server.close();
  }
});
