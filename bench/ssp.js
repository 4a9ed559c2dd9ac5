// simple-scorm-packager (npm) packaging a prebuilt folder as SCORM 1.2: the peer trail is measured against.
// node bench/ssp.js SOURCE_FOLDER OUTPUT_FOLDER
const path = require("path");
const scopackager = require("simple-scorm-packager");

scopackager({
  version: "1.2", organization: "bench", title: "bench", language: "nb", masteryScore: 80,
  startingPage: "index.html", source: path.resolve(process.argv[2]),
  package: {version: "1.0.0", zip: true, outputFolder: path.resolve(process.argv[3]), date: "2026-01-01"},
}, () => {});
