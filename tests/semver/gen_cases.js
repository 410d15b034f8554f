#!/usr/bin/env node
// Generates the semver conformance cases: node-semver's answers (the reference implementation,
// node-semver 7.8.6 as vendored in tests/data/semver/) for random versions, ranges and pairs,
// deterministically from a seed.
// Usage: node gen_cases.js --semver DIR --expect VERSION --seed N --out FILE
//   DIR is the extracted package (the tarball's package/ folder); VERSION the version it must be.
// Output, one case a line, strings hex-encoded UTF-8 ("-" for the empty string):
//   V <input> <1 if new SemVer(input) succeeds> <.version> <.version plus +build> <1 if valid(input)>
//   R <input> <1 if new Range(input) succeeds> <validRange(input)>
//   S <version> <range> <1 if satisfies(version, range)>
//   C <a> <b> <compare(a, b)>
//   END <number of cases>
'use strict';

const fs = require('fs');
const path = require('path');

function die(message) {
  process.stderr.write(`gen_cases.js: ${message}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const seed = Number(arg('--seed', '1'));
const out = arg('--out', null);
const semverDir = arg('--semver', null);
const expected = arg('--expect', null);
if (!out || !semverDir || !expected || !Number.isInteger(seed)) {
  die('usage: gen_cases.js --semver DIR --expect VERSION --seed N --out FILE');
}

let semver;
let semverVersion;
try {
  semver = require(path.resolve(semverDir));
  semverVersion = require(path.resolve(semverDir, 'package.json')).version;
} catch (e) {
  die(`cannot load node-semver from ${semverDir} (${e.message.split('\n')[0]}); it is extracted ` +
      'from tests/data/semver/ by the semver_conformance_unpack test');
}
if (semverVersion !== expected) {
  die(`pinset replicates node-semver ${expected}, but ${path.resolve(semverDir)} is ` +
      semverVersion);
}

// mulberry32: small, deterministic, good enough for test generation.
let state = seed >>> 0;
function random() {
  state = (state + 0x6D2B79F5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = n => Math.floor(random() * n);
const chance = p => random() < p;
const pick = a => a[int(a.length)];
const weighted = pairs => {  // [[weight, fn], ...]
  let total = 0;
  for (const [w] of pairs) total += w;
  let r = random() * total;
  for (const [w, f] of pairs) {
    if ((r -= w) < 0) return f();
  }
  return pairs[pairs.length - 1][1]();
};

// JavaScript's whitespace (\s and trim) beyond ASCII, and other characters worth throwing in.
const SPACES = [' ', ' ', ' ', '  ', '\t', '\n', '\r\n', '\v', '\f', '\u00a0', '\u1680', '\u2000',
  '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\ufeff'];
const NOT_SPACES = ['\u180e', '\u200b', '\u0085', '\x00', '\x01', '\x1b', '\x7f', 'é', '\u{1F600}'];
const JUNK = ['#', '!', '@', '$', '%', '&', '(', ')', '[', ']', '{', '}', ',', ';', ':', '/', '\\',
  '"', "'", '`', '?', '_', '~', '^', '|', '<', '>', '=', '*', '+', '-', '.', 'v', 'V', 'x', 'X',
  'a', 'z', '0', '9', ...NOT_SPACES];
const space = () => (chance(0.85) ? ' ' : pick(SPACES));
const maybeSpace = () => (chance(0.7) ? '' : space());

const MAX = Number.MAX_SAFE_INTEGER;
const num = () => weighted([
  [50, () => String(int(4))],
  [20, () => String(int(30))],
  [6, () => String(int(100000))],
  [4, () => '0' + String(int(10))],
  [2, () => pick([String(MAX - 1), String(MAX), String(MAX + 1), '9007199254740993',
    '9007199254740990', '18446744073709551615', '18446744073709551616',
    '1' + '0'.repeat(21), '9'.repeat(40), '00'])],
  [2, () => pick(['', 'x', 'a', '-1', '1a', ' 1', '1e3', '٣'])],
]);
const alnum = () => {
  const chars = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-';
  let s = '';
  const n = 1 + int(6);
  for (let i = 0; i < n; i++) s += chars[int(chars.length)];
  return s;
};
const preId = () => weighted([
  [30, () => pick(['alpha', 'beta', 'rc', 'pre', 'a', 'b', 'x', 'X', 'dev', '-', '--', 'a-b'])],
  [25, () => String(int(12))],
  [10, alnum],
  [3, () => '0' + String(1 + int(9))],
  [3, () => pick(['0a', '00a', '1-', 'x1', '01-', '-1', '0-0'])],
  [2, () => pick([String(MAX - 1), String(MAX), String(MAX + 1), '9007199254740993',
    '9007199254740992', '18446744073709551617', '9'.repeat(30), '9'.repeat(400)])],
  [2, () => pick(['', 'a b', 'a#', 'é', '*', 'a+'])],
]);
const buildId = () => weighted([
  [20, () => pick(['build', 'b1', '001', '0', 'sha', 'x', '-', 'exp-sha'])],
  [10, alnum],
  [2, () => pick(['', 'a b', 'a#', '+', 'é'])],
]);
const dotted = (gen, max) => {
  const n = 1 + int(max);
  const ids = [];
  for (let i = 0; i < n; i++) ids.push(gen());
  return ids.join('.');
};

function mutate(s) {
  const n = 1 + int(2);
  for (let k = 0; k < n; k++) {
    const i = int(s.length + 1);
    s = weighted([
      [3, () => s.slice(0, i) + pick(JUNK) + s.slice(i)],
      [2, () => s.slice(0, i) + s.slice(i + 1)],
      [1, () => s.slice(0, i) + space() + s.slice(i)],
      [1, () => s.slice(0, i)],
    ]);
  }
  // Never split a surrogate pair: lone surrogates have no UTF-8 encoding.
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, '$1');
}

// A version: mostly well-formed, with the surprises people (and fuzzers) write.
function version() {
  let v = `${num()}.${num()}.${num()}`;
  if (chance(0.3)) v += '-' + dotted(preId, 3);
  if (chance(0.15)) v += '+' + dotted(buildId, 3);
  return weighted([
    [60, () => v],
    [8, () => pick(['v', 'v', '=', 'V', 'vv', 'v=', '=v', ' v', 'v ']) + v],
    [6, () => maybeSpace() + space() + v + maybeSpace()],
    [5, () => pick(['1', '1.2', '1.2.3.4', '1.2.', '.1.2', '1..2', '1.2.3-', '1.2.3+',
      '1.2.3-+', 'x.1.2', '1.x.2', '*', '', ' ', 'v', '1.2.3 4', '1.2.3\u00001', 'a.b.c'])],
    [10, () => mutate(v)],
    [2, () => v + '-' + 'a'.repeat(240 + int(30))],
    [2, () => ' '.repeat(250 + int(10)) + v],
    [1, () => '9'.repeat(int(400))],
  ]);
}

// Small numbers so that ranges and versions meet, and prereleases of the same release meet.
const smallNum = () => String(weighted([[6, () => int(3)], [1, () => int(11)]]));
const smallPre = () => dotted(() => pick(['alpha', 'beta', 'rc', '0', '1', '2', '11', 'a', 'b']),
  2);
function smallVersion() {
  let v = `${smallNum()}.${smallNum()}.${smallNum()}`;
  if (chance(0.35)) v += '-' + smallPre();
  if (chance(0.08)) v += '+' + dotted(buildId, 2);
  if (chance(0.05)) v = pick(['v', ' ', '=']) + v;
  return v;
}

// A partial version: 1 to 3 parts, each maybe an x, with prerelease/build on full ones.
function partial(numGen, preGen) {
  const part = () => (chance(0.12) ? pick(['x', 'X', '*']) : numGen());
  const n = weighted([[1, () => 1], [2, () => 2], [6, () => 3]]);
  const parts = [];
  for (let i = 0; i < n; i++) parts.push(part());
  let p = parts.join('.');
  if (n === 3 && chance(0.25)) p += '-' + preGen();
  if (chance(n === 3 ? 0.06 : 0.02)) p += '+' + dotted(buildId, 2);
  if (chance(0.06)) p = pick(['v', '=', 'v=', '==', 'vv', 'V', 'v ']) + p;
  return p;
}

const OPS = ['', '', '', '=', '<', '>', '<=', '>=', '~', '~>', '^'];
const BAD_OPS = ['==', '=<', '=>', '>>', '<<', '!', '!=', '~^', '^~', '<>', '><', '~=', '^='];
function comparator(numGen, preGen) {
  const op = chance(0.03) ? pick(BAD_OPS) : pick(OPS);
  const gap = chance(0.85) ? '' : space() + (chance(0.2) ? space() : '');
  return op + gap + partial(numGen, preGen);
}

function comparatorSet(numGen, preGen) {
  return weighted([
    [70, () => {
      const n = 1 + int(3);
      const cs = [];
      for (let i = 0; i < n; i++) {
        // A stray build now and then: node-semver removes it wherever it stands.
        cs.push(chance(0.02) ? '+' + dotted(buildId, 2) : comparator(numGen, preGen));
      }
      return cs.join(space());
    }],
    [14, () => partial(numGen, preGen) + space() + '-' + space() + partial(numGen, preGen)],
    [2, () => partial(numGen, preGen) + pick([' -', '- ', '-', ' -- ']) + partial(numGen, preGen)],
    [6, () => pick(['*', 'x', 'X', '', '>=0.0.0', '<0.0.0-0', '>*', '<*', '>=*', '>x', 'x.x.x',
      '*.*', '>=0.0.0-0', '>=0a0b0'])],
  ]);
}

function range(numGen, preGen) {
  const n = weighted([[8, () => 1], [3, () => 2], [1, () => 3]]);
  const sets = [];
  for (let i = 0; i < n; i++) sets.push(comparatorSet(numGen, preGen));
  let r = '';
  for (let i = 0; i < sets.length; i++) {
    if (i > 0) {
      r += chance(0.97) ? maybeSpace() + '||' + maybeSpace()
        : pick(['|', '|||', '||||', ' | | ', '||  ||']);
    }
    r += sets[i];
  }
  return weighted([
    [80, () => r],
    [5, () => maybeSpace() + space() + r + space()],
    [3, () => r + pick(['||', ' || ', '|| *', ' || x'])],
    [10, () => mutate(r)],
    [1, () => r + ' ' + '1.2.3'.repeat(60)],
    [1, () => pick(['^1.2.3+' + 'b'.repeat(300), '1.2.3+' + 'b'.repeat(300),
      '>=1.2.3-' + 'a'.repeat(260), '1.2.3 ' + '|| 1.2.3 '.repeat(200),
      ' '.repeat(300) + '1.2.3', '~' + '9'.repeat(300)])],
  ]);
}

// Inputs found by reading node-semver's source, kept as fixed cases.
const FIXED_RANGES = ['>', '>=', '<=', '=', '~', '^', '~>', 'v', '>=0-0+0', '1.2.3*', '*1.2.3',
  '>=*1.2.3', '<1.2.*3', '> =1.2.3', 'v = 1', '= 1', '1 = = 2', 'v 1.2.3 - 2', '1.2.3 ||',
  '1.2.3 ||| 2', 'a||||b', '^9007199254740991', '^9007199254740990', '~> 1.2', '~>1.2',
  '> v 1.2.3', '1.2.3 - 2.x', '>=0 0 0', '>=0é0é0', '>=0\u{1F600}0\u{1F600}0', '~>=1.2.3',
  '^v=1', '1.2.3-0a', '^1.2.3-0a', '1.2.3 - 1.2.4-0a', '<=9007199254740991.x',
  '>9007199254740991', '1.2.3 - 9007199254740991', '1.x - 2.x.x', '* - *', 'x - 1.2',
  '=1.2.3 - 2', 'v=1.2.3 - 2', '= 1.2.3 - 2', '<\t1.2.3', '~\u20281.2.3', '^ \u00a01.2.3',
  '1.2.3\u00a0-\u30002', '1.2.3\u3000||\u00a02', '1.2.3 || x || <0.0.0-0', '>1.2.3 <1.2.3',
  '1.2.3 1.2.3 >=1', '* >=1', '>=1.2.3 *', '^0.0.1-beta', '~1.2.3-beta+b', '=v1.2.3', '==1.2.3',
  '<0.0.0-0 || <0.0.0-0', '<0.0.0-0 || 1.2.3', '>1.x', '<=1.2', '>=1.2.x-beta', '1.2.3-01',
  '~1.2.3.4', '>=1.2.x.y', '01.2.3', '1.2.3 -2', '^0.0.x', '^0.x', '^0.0', '~0', '<=0.0.x',
  '>0.0.x', '>=v1.2.3', '>= v1.2.3', '>= =1.2.3', '<= =v1.2.x', '1.2.3-a.b.c - 1.2.4',
  '~>~1', '^^1', '~~1', '^ ~1', '~ ^1', '1.2.3 - ', ' - 1.2.3', '1 - 2 - 3', '1.2.3-beta - 2',
  '1.2.3-beta- - 2', '1.2.3-a.1 || >=1.2.3-b <2', 'x.x.x-beta', '^*', '^x.1', '~*.1.2',
  '1.*.3', '*.1', '1.2.3**', '>=1.0.0-', '>=1.0.0+', '>=1.0.0-+', '>=1.0.0-a..b',
  // node-semver 7.8: an x followed by a number (invalidXRangeOrder), but not after ^ or ~ or in
  // hyphen ranges.
  '1.x.3', 'x.1', 'x.1.2', 'x.x.1', '>x.1', '<=*.2', '=X.1.x', '1.x.3-beta', '1.x.x-beta',
  '1.x.3 - 2', 'x.1 - 2', 'x.1.2 - 3', '^x.1', '~x.1', '~>*.1.2', '^1.x.3', 'x.01', 'x.1.y',
  // node-semver 7.8: build metadata is removed anywhere in a range before anything else, and the
  // whitespace it leaves is matched by bounded expressions (\s{0,1}, \s{1,1}).
  '+b', '1.2.3 +b', '+b 1.2.3', '1.2+b', '1.2.3-+b', 'a+b', '~ +b 1', '^ +b 1', '> +b 1',
  '>= +a +b 1', '1.2.3 +b - 2.0.0', '1.2.3 - +b 2', '+a +b 1.2.3 - 2', '1.2.3 - 2 +b',
  '1.2.3 || +x', '1.x+b', '1.x.3+b', '1.2.3+b.c+d', '1.2.3+b+c', '1.2.3+b..c', '1.2.3+.b',
  '1.2.3 ++b',
  '1.2.3+' + 'b'.repeat(300), '^1.2.3+' + 'b'.repeat(260) + '.c',
  // node-semver 7.8: a prerelease identifier is read letters-first where the comparator trim
  // resumes, and ">=0.0.0" is matched with escaped dots.
  '1.2.3-0v = 1', '1.2.3-0a >= 1', '1.2.3-1v < 2', '>=0x0x0', '>= 0.0.0', '>=0.0.0 <1',
  // Length caps of node-semver 7.8's bounded expressions (\d{0,256}, [a-zA-Z0-9-]{0,250}).
  '*.' + '9'.repeat(300) + ' - *', '^x.' + '9'.repeat(300), 'x.1.2-' + 'a'.repeat(300) + ' - 3',
  '> ' + '1'.repeat(300) + ' 1.2.3', '1.2.3-' + '1'.repeat(300) + 'v = 1'];
const FIXED_VERSIONS = ['=1.2.3', ' 1.2.3 ', 'v1.2.3', 'V1.2.3', 'vv1.2.3', '\u30001.2.3\u3000',
  '\ufeff1.2.3', '1.2.3\u180e', '1.0.0-9007199254740992', '1.0.0-9007199254740993',
  '1.0.0-9007199254740991', '1.0.0-9007199254740990', '9007199254740991.9007199254740991.0',
  '9007199254740992.0.0', '1.2.3-0a', '1.2.3-00', '1.2.3+00', '1.2.3--', '1.2.3-a.-.0',
  '1.2.3+a..b', '1.2.3-\u00e9', '0.0.0', '0.0.0-0'];

const lines = [];
const hex = s => (s === '' ? '-' : Buffer.from(s, 'utf8').toString('hex'));
const bit = b => (b ? '1' : '0');

function versionCase(input) {
  let v = null;
  try {
    v = new semver.SemVer(input);
  } catch (e) {
    v = null;
  }
  const full = v ? v.version + (v.build.length ? '+' + v.build.join('.') : '') : '';
  lines.push(`V ${hex(input)} ${bit(v)} ${hex(v ? v.version : '')} ${hex(full)} ` +
    `${bit(semver.valid(input) !== null)}`);
}

function rangeCase(input) {
  let ok = true;
  try {
    new semver.Range(input);  // eslint-disable-line no-new
  } catch (e) {
    ok = false;
  }
  const norm = semver.validRange(input);
  if ((norm !== null) !== ok) die(`validRange and new Range disagree on ${JSON.stringify(input)}`);
  lines.push(`R ${hex(input)} ${bit(ok)} ${hex(norm === null ? '' : norm)}`);
}

function satisfiesCase(v, r) {
  lines.push(`S ${hex(v)} ${hex(r)} ${bit(semver.satisfies(v, r))}`);
}

const hugeId = s => /(^|[-.])\d{16,}(?=$|[.+])/.test(s.split('+')[0]);
function compareCase(a, b) {
  // node-semver compares numeric prerelease identifiers of 2^53 and more as doubles, which is not
  // SemVer precedence (pinset's operator<=> is exact); satisfies() cases cover those.
  if (hugeId(a) || hugeId(b)) return;
  lines.push(`C ${hex(a)} ${hex(b)} ${semver.compare(a, b)}`);
}

for (const v of FIXED_VERSIONS) versionCase(v);
for (const r of FIXED_RANGES) rangeCase(r);
for (let i = 0; i < 8000; i++) versionCase(version());
for (let i = 0; i < 12000; i++) rangeCase(range(num, () => dotted(preId, 2)));
for (let i = 0; i < 4000; i++) rangeCase(range(smallNum, smallPre));

// Ranges whose comparators agree with each other (lower bound below upper bound), which random
// comparator sets rarely do, so that more pairs match.
function coherentRange() {
  const full = () => `${smallNum()}.${smallNum()}.${smallNum()}` +
    (chance(0.3) ? '-' + smallPre() : '');
  const [a, b] = [full(), full()].sort(semver.compare);
  const set = () => weighted([
    [3, () => `>=${a} <${b}`],
    [2, () => `>${a} <=${b}`],
    [2, () => `${a} - ${b}`],
    [3, () => pick(['^', '~', '~>', '']) + a],
    [2, () => partial(smallNum, smallPre)],
  ]);
  return chance(0.7) ? set() : set() + ' || ' + set();
}
const pool = [];
for (let i = 0; i < 300; i++) pool.push(range(smallNum, smallPre));
for (let i = 0; i < 300; i++) pool.push(coherentRange());
for (const r of FIXED_RANGES) pool.push(r);
// A version near one the range names, so that about half the pairs match.
function nearVersion(r) {
  const named = r.match(/\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?/g);
  if (!named) return smallVersion();
  const m = pick(named).match(/^(\d+)\.(\d+)\.(\d+)(-[0-9A-Za-z.-]+)?$/);
  const nums = [m[1], m[2], m[3]].map(Number);
  if (chance(0.5)) {
    const k = int(3);
    nums[k] = Math.max(0, nums[k] + pick([-1, 1, 1, 2]));
  }
  let v = nums.join('.');
  if (chance(0.3)) v += m[4] || '';
  if (chance(0.25)) v += '-' + smallPre();
  return v;
}
for (let i = 0; i < 30000; i++) {
  const r = pick(pool);
  const v = weighted([[50, () => nearVersion(r)], [40, smallVersion], [5, version],
    [5, () => pick(FIXED_VERSIONS)]]);
  satisfiesCase(v, r);
}
const valid = [];
for (let i = 0; i < 3000; i++) {
  const v = chance(0.8) ? smallVersion() : version();
  if (semver.valid(v)) valid.push(v);
}
for (const v of FIXED_VERSIONS) if (semver.valid(v)) valid.push(v);
for (let i = 0; i < 6000; i++) compareCase(pick(valid), pick(valid));

lines.push(`END ${lines.length}`);
fs.writeFileSync(out, lines.join('\n') + '\n');
process.stdout.write(`gen_cases.js: node-semver ${semverVersion}, seed ${seed}: ` +
  `${lines.length - 1} cases written to ${out}\n`);
