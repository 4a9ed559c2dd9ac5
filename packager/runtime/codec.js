  // ---- codec: one adaptive binary arithmetic coder for structure and text, base91 out.
  // Integer-only model arithmetic, so every browser decodes what another encoded.
  var SQ = [1, 2, 3, 6, 10, 16, 27, 45, 73, 120, 194, 310, 488, 747, 1101, 1546, 2047, 2549,
    2994, 3348, 3607, 3785, 3901, 3975, 4022, 4050, 4068, 4079, 4085, 4089, 4092, 4093, 4094];
  function squash(x) {
    x = x > 2047 ? 2047 : x < -2047 ? -2047 : x;
    var w = x & 127, i = (x >> 7) + 16;
    return (SQ[i] * (128 - w) + SQ[i + 1] * w + 64) >> 7;
  }
  var ST = new Int16Array(4096), DT = new Int32Array(256), AL = "", AX = new Int16Array(128).fill(-1);
  (function () {
    var p = 0, x, j;
    for (x = -2047; x <= 2047; x++) { var v = squash(x); for (j = p; j <= v; j++) ST[j] = x; p = v + 1; }
    for (; p < 4096; p++) ST[p] = 2047;
    for (j = 0; j < 256; j++) DT[j] = Math.floor(131072 / (2 * j + 3));
    for (j = 33; j < 127; j++) if (j !== 34 && j !== 39 && j !== 92) { AX[j] = AL.length; AL += String.fromCharCode(j); }
  })();
  function upd(p, n, i, y, lim) { // adaptive counter: 1/n learning, then a fixed rate
    var k = n[i]; p[i] += ((y ? 65535 : 0) - p[i]) * DT[k] / 65536 | 0; if (k < lim) n[i] = k + 1;
  }
  function hash(s) { for (var h = 2166136261, i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619); return h >>> 0; }

  var NI = 6; // text model: orders 0-4 and the current word, mixed
  function Text(tb) {
    this.tb = tb; this.p = new Uint16Array(NI << tb).fill(32768); this.n = new Uint8Array(NI << tb);
    this.w = new Float64Array(256 * NI).fill(0.3); this.h = [0, 0, 0, 0, 0, 0];
    this.ix = new Int32Array(NI); this.s = new Float64Array(NI); this.c0 = 1; this.c4 = 0; this.wd = 0; this.pm = 2048;
    this.ctx();
  }
  Text.prototype.ctx = function () {
    var c = this.c4, h = this.h;
    h[1] = (c & 255) + 256; h[2] = (c & 65535) * 7 + 1; h[3] = Math.imul(c & 16777215, 0x2f0b3c91) + 2;
    h[4] = Math.imul(c, 0x6b43a9b5) + 3; h[5] = Math.imul(this.wd, 0x1e35a7bd) + (c & 255) * 17 + 4;
  };
  Text.prototype.pr = function () {
    var d = 0, o = this.c0 * NI, k, tb = this.tb;
    for (k = 0; k < NI; k++) {
      var i = (k << tb) + (Math.imul(this.h[k] ^ Math.imul(this.c0, 0x9E3779B1), 0x85ebca6b) >>> (32 - tb));
      this.ix[k] = i; var t = ST[this.p[i] >> 4] / 256; this.s[k] = t; d += this.w[o + k] * t;
    }
    var p = squash(Math.round(d * 256));
    return (this.pm = p < 1 ? 1 : p > 4095 ? 4095 : p);
  };
  Text.prototype.up = function (y) {
    var e = (y - this.pm / 4096) * 0.015, o = this.c0 * NI, k;
    for (k = 0; k < NI; k++) { this.w[o + k] += e * this.s[k]; upd(this.p, this.n, this.ix[k], y, 255); }
    this.c0 = this.c0 * 2 + y;
    if (this.c0 > 255) {
      var b = this.c0 & 255; this.c4 = ((this.c4 << 8) | b) >>> 0; this.c0 = 1;
      this.wd = (b > 64 && b < 91) || (b > 96 && b < 123) || b > 127 ? Math.imul(this.wd ^ (b | 32), 16777619) >>> 0 : 0;
      this.ctx();
    }
  };

  function Coder(bytes, tb) { // no bytes: encoder; tb: log2 of the text model's tables
    this.tb = tb || 12; this.d = !!bytes; this.b = bytes; this.i = 0; this.x1 = 0; this.x2 = 0xffffffff; this.x = 0;
    this.o = []; this.h = 0; this.p = new Uint16Array(4096).fill(32768); this.n = new Uint8Array(4096); this.t = null;
    if (this.d) for (var k = 0; k < 4; k++) this.x = (this.x * 256 + this.nb()) >>> 0;
  }
  Coder.prototype.nb = function () {
    if (this.i >= this.b.length + 8) throw new Error("state ends early");
    return this.i < this.b.length ? this.b[this.i++] : (this.i++, 255);
  };
  Coder.prototype.code = function (p, y) {
    var r = this.x2 - this.x1, m = this.x1 + Math.floor(r / 4096) * p + Math.floor(r % 4096 * p / 4096);
    y = this.d ? (this.x <= m ? 1 : 0) : y ? 1 : 0;
    if (y) this.x2 = m; else this.x1 = m + 1;
    while (((this.x1 ^ this.x2) & 0xff000000) === 0) {
      if (!this.d) this.o.push(this.x2 >>> 24);
      this.x1 = (this.x1 << 8) >>> 0; this.x2 = ((this.x2 << 8) | 255) >>> 0;
      if (this.d) this.x = ((this.x << 8) | this.nb()) >>> 0;
    }
    this.h = Math.imul(this.h ^ (y + 1), 0x01000193);
    return y;
  };
  Coder.prototype.bit = function (c, y) {
    var i = c & 4095, p = this.p[i] >> 4;
    y = this.code(p < 1 ? 1 : p, y); upd(this.p, this.n, i, y, 30); return y;
  };
  Coder.prototype.raw = function (bits, v) {
    for (var r = 0, j = bits - 1; j >= 0; j--) r = r * 2 + this.code(2048, (v >> j) & 1);
    return r;
  };
  Coder.prototype.num = function (c, v) { // adaptive Elias gamma, v >= 0
    v = (v || 0) + 1; var n = 31 - Math.clz32(v), k = 0, r = 1, j;
    while (this.bit(c * 32 + k, k < n)) if (++k > 20) throw new Error("bad number");
    for (j = k - 1; j >= 0; j--) r = r * 2 + this.bit(c * 32 + 21 + (j > 10 ? 10 : j), (v >> j) & 1);
    return r - 1;
  };
  Coder.prototype.end = function () { // a checksum over every decision, then the flushed bytes
    var h = this.h & 65535;
    if (this.raw(16, h) !== h) throw new Error("state checksum");
    return this.o.concat(this.x1 >>> 24);
  };
  Coder.prototype.txt = function (s) {
    var t = this.t || (this.t = new Text(this.tb)), a = this.d ? [] : utf8(s + "\0"), i = 0, j, b;
    for (;; i++) {
      if (i > 40000) throw new Error("text too long");
      for (b = 0, j = 7; j >= 0; j--) { var y = this.code(t.pr(), this.d ? 0 : (a[i] >> j) & 1); t.up(y); b = b * 2 + y; }
      if (!b) return this.d ? fromUtf8(a) : s;
      if (this.d) a.push(b);
    }
  };
  function utf8(s) { var u = unescape(encodeURIComponent(s)), a = []; for (var i = 0; i < u.length; i++) a.push(u.charCodeAt(i)); return a; }
  function fromUtf8(a) { return decodeURIComponent(escape(String.fromCharCode.apply(null, a))); }
  function toB91(bytes) { // 13 bits in 2 chars (91^2 > 2^13), a 6-bit tail in 1; pad with 1-bits
    var s = "", acc = 0, n = 0, i, v;
    for (i = 0; i < bytes.length; i++) {
      acc |= bytes[i] << n; n += 8;
      if (n >= 13) { v = acc & 8191; acc >>>= 13; n -= 13; s += AL[v % 91] + AL[(v / 91) | 0]; }
    }
    if (n > 6) { v = (acc | (8191 << n)) & 8191; s += AL[v % 91] + AL[(v / 91) | 0]; } else if (n) s += AL[(acc | (63 << n)) & 63];
    return s;
  }
  function fromB91(s) {
    var out = [], acc = 0, n = 0, i, v, c;
    for (i = 0; i < s.length; i += 2) {
      v = AX[s.charCodeAt(i) & 127];
      if (i + 1 < s.length) { c = AX[s.charCodeAt(i + 1) & 127]; v = c < 0 || v < 0 ? -1 : v + c * 91; n += 13; } else n += 6;
      if (v < 0 || v > 8191) throw new Error("bad state character");
      acc |= v << (n - (i + 1 < s.length ? 13 : 6));
      while (n >= 8) { out.push(acc & 255); acc >>>= 8; n -= 8; }
    }
    return out;
  }
