// ESLint for the JavaScript that ships: the learner runtime and the preview's stand-in page.
// Plain ES5-style browser scripts (no modules, no build step); `bash scripts/test.sh` runs it.
import js from "@eslint/js";
import globals from "globals";

// What codec.js declares for tracker.js, which includes it inside its closure (packager/runtime_files.py).
const CODEC = {Coder: "readonly", toB91: "readonly", fromB91: "readonly", hash: "readonly"};
// What lrs-client.js and lrs.js, which includes it inside its closure, declare for each other.
const LRS_CLIENT = {Client: "readonly", mergeDoc: "readonly", merger: "readonly", stamp: "readonly", judged: "readonly"};
const LRS_HELPERS = {VERSION: "readonly", uuid: "readonly", timestamp: "readonly", store: "readonly", read: "readonly",
  write: "readonly", segText: "readonly", segList: "readonly", union: "readonly"};
// The learner UI's parts (trail-*.js), joined into trail.js's closure at its `// @include` lines:
// what each file declares for the others. `last` is the only state a part sets (trail-map.js).
const r = (names) => Object.fromEntries(names.split(" ").map((n) => [n, "readonly"]));
const TRAIL = {
  "trail.js": {...r("doc data S tracker seed ready untracked current scope readonly sco sites shownAt timers videos " +
    "$ $$ json t el siteOf message unmessage parse viewFor show leave refresh restore bind elsewhere finish scopeTo " +
    "start settings applySettings init boot load mount need loading exitButton prepare pending loads"), last: "writable"},
  "trail-map.js": r("markMap fitLabels stageOf suggest onward nextLink wayOn showResume mapNote inLms"),
  "trail-quiz.js": r("qOf readResponse setResponse textOf answerText lock feedback marks unecho showResult hash32 " +
    "shuffled seedOf shuffleAll ids submit retry moves move"),
  "trail-reflections.js": r("save saveAll withPrompts written download downloadText summary reflections"),
  "trail-video.js": r("SEEK_GAP SEEK_MIN r3 seen report cut seekDone stopped watch stopVideos"),
};
const othersOf = (file) => Object.assign({}, ...Object.keys(TRAIL).filter((f) => f !== file).map((f) => TRAIL[f]));

export default [
  js.configs.recommended,
  {
    files: ["packager/runtime/*.js", "packager/preview/static/*.js"],
    languageOptions: {sourceType: "script", globals: {...globals.browser}},
    rules: {
      // ES5 has no `catch {}` without a binding, so an unused `e` is the only way to write it;
      // globals named Trail* are what a runtime file exports to the files joined after it.
      "no-unused-vars": ["error", {caughtErrors: "none", varsIgnorePattern: "^Trail"}],
      // `var ok = false; try { ok = call(); } catch (e) { ok = false; }`: every path sets the value
      // on purpose, so a later edit of the try block cannot leave it undefined.
      "no-useless-assignment": "off",
    },
  },
  {files: ["packager/runtime/adapter-scorm12.js", "packager/runtime/adapter-scorm2004.js"],
    languageOptions: {globals: {TrailScorm: "readonly"}}},
  {files: ["packager/runtime/tracker.js"], languageOptions: {globals: CODEC}},
  {files: ["packager/runtime/lrs.js"], languageOptions: {globals: LRS_CLIENT}},
  {
    // Joined into lrs.js's closure, like codec.js into tracker.js's.
    files: ["packager/runtime/lrs-client.js"],
    languageOptions: {globals: LRS_HELPERS},
    rules: {"no-unused-vars": ["error", {vars: "local", caughtErrors: "none"}], "no-redeclare": ["error", {builtinGlobals: false}]},
  },
  {
    // Joined into tracker.js's closure: its declarations are the tracker's locals, not page globals.
    files: ["packager/runtime/codec.js"],
    rules: {"no-unused-vars": ["error", {vars: "local"}], "no-redeclare": ["error", {builtinGlobals: false}]},
  },
  {
    files: ["packager/runtime/trail.js"],
    languageOptions: {globals: othersOf("trail.js")},
    // trail.js's own locals that only its parts use (seed: quiz; siteOf: quiz, reflections; untracked: reflections, video;
    // videos: video; need: reflections).
    rules: {"no-unused-vars": ["error", {caughtErrors: "none", varsIgnorePattern: "^(Trail.*|seed|siteOf|untracked|videos|need)$"}]},
  },
  ...Object.keys(TRAIL).filter((f) => f !== "trail.js").map((f) => ({
    // Joined into trail.js's closure: its declarations are the UI's locals, not page globals.
    files: [`packager/runtime/${f}`],
    languageOptions: {globals: othersOf(f)},
    rules: {"no-unused-vars": ["error", {vars: "local", caughtErrors: "none"}], "no-redeclare": ["error", {builtinGlobals: false}]},
  })),
];
