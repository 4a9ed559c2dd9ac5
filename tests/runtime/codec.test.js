/* Unit tests of the state codec (packager/runtime/codec.js) in Node: `node --test tests/runtime`.
 *
 * The codec is the part of the tracker that writes the learner's resume state into the LMS
 * (SCORM 1.2 suspend_data: 4096 characters). What a learner would notice if it broke: a
 * resume that loses answers or garbles a reflection, a state string an LMS refuses, a
 * state written by an earlier package that no longer reads, or a damaged state that
 * restores nonsense instead of starting fresh. */
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const REPO = path.resolve(__dirname, "..", "..");
const REFLECTIONS = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "reflections_nb.json"), "utf8"));

// codec.js is joined into tracker.js inside its closure; run alone, its declarations are the script's globals.
function loadCodec() {
  const context = vm.createContext({});
  vm.runInContext(fs.readFileSync(path.join(REPO, "packager", "runtime", "codec.js"), "utf8"), context);
  return context;
}
const { Coder, toB91, fromB91, hash } = loadCodec();

// The tracker's layout in small: a structure stream (numbers, bits, raw bits) and a text stream.
function encode(values, texts) {
  const c = new Coder();
  values.forEach((v, i) => c.num(1 + (i % 4), v));
  c.bit(6, 1); c.raw(12, 0xabc);
  const a = c.end();
  const t = new Coder(null, 16);
  texts.forEach((s) => t.txt(s));
  const b = t.end();
  return toB91([a.length >> 8, a.length & 255].concat(a, b));
}

function decode(text, count, ntexts) {
  const y = fromB91(text), n = y[0] * 256 + y[1];
  const c = new Coder(y.slice(2, n + 2));
  const values = [];
  for (let i = 0; i < count; i++) values.push(c.num(1 + (i % 4)));
  const bit = c.bit(6), raw = c.raw(12);
  c.end();
  const t = new Coder(y.slice(n + 2), 16);
  const texts = [];
  for (let i = 0; i < ntexts; i++) texts.push(t.txt());
  t.end();
  return { values, bit, raw, texts };
}

test("numbers and texts come back exactly as they were written", () => {
  const values = [0, 1, 2, 19, 95, 255, 999, 10000, 0, 3];
  const texts = [REFLECTIONS[0], "Æ ø å — «sitat» 🏠", "", "a"];
  const out = decode(encode(values, texts), values.length, texts.length);
  assert.deepEqual(out.values, values);
  assert.equal(out.bit, 1);
  assert.equal(out.raw, 0xabc);
  assert.deepEqual(out.texts, texts);
});

test("the state string uses only characters every LMS stores unchanged", () => {
  const text = encode([1, 2, 3], REFLECTIONS.slice(0, 5));
  assert.match(text, /^[!#-&(-[\]-~]+$/); // printable ASCII without space, quote, apostrophe, backslash
});

test("base91 carries any bytes both ways", () => {
  for (let length = 0; length < 40; length++) {
    const bytes = Array.from({ length }, (_, i) => (i * 73 + length * 31) & 255);
    assert.deepEqual(Array.from(fromB91(toB91(bytes))).slice(0, length), bytes, `length ${length}`);
  }
});

test("Norwegian reflections take far fewer characters than they have", () => {
  const plain = REFLECTIONS.join("").length;
  const coded = encode([], REFLECTIONS).length;
  assert.ok(coded < plain * 0.6, `${coded} characters for ${plain} characters of text`);
});

test("the same state is the same string on every run (an earlier package's state still reads)", () => {
  const text = encode([4, 0, 7], ["Vi må snakke med leietakerne."]);
  assert.equal(text, encode([4, 0, 7], ["Vi må snakke med leietakerne."]));
  assert.equal(text, KNOWN);
  assert.deepEqual(decode(KNOWN, 3, 1).texts, ["Vi må snakke med leietakerne."]);
});

test("a damaged or cut state is refused, never read as something else", () => {
  const text = encode([5, 6, 7, 8], [REFLECTIONS[1]]);
  const cut = text.slice(0, text.length - 6);
  assert.throws(() => decode(cut, 4, 1));
  const step = Math.floor((text.length - 4) / 10);
  for (let i = 2; i < text.length - 2; i += step) {
    const other = text[i] === "a" ? "b" : "a";
    assert.throws(() => decode(text.slice(0, i) + other + text.slice(i + 1), 4, 1), `character ${i} changed`);
  }
  assert.throws(() => fromB91("ab cd"), /bad state character/);
});

test("ids hash to the same number in every browser", () => {
  assert.equal(hash(""), 2166136261); // 32-bit FNV-1a
  assert.equal(hash("01-boligsosialt-ansvar"), 3229998071);
  assert.notEqual(hash("a"), hash("b"));
});

// encode([4, 0, 7], ["Vi må snakke med leietakerne."]) as the codec of state version T1 writes it.
const KNOWN = "t3*>Y[]2jDq;F2s6z#EU(KWi/H%`6I2Q{QvI/[zlA{!3a";
