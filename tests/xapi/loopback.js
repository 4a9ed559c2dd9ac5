/* Preloaded into the test LRS (node -r): Learning Locker's statement service listens on every
   interface and cannot be told otherwise, so bind every server it starts to 127.0.0.1. */
"use strict";
var net = require("net");
var listen = net.Server.prototype.listen;
net.Server.prototype.listen = function () {
  var args = Array.prototype.slice.call(arguments);
  if (typeof args[0] === "number" || (typeof args[0] === "string" && /^\d+$/.test(args[0]))) {
    if (typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1");
    else args[1] = "127.0.0.1";
  } else if (args[0] && typeof args[0] === "object" && !Array.isArray(args[0])) {
    args[0] = Object.assign({}, args[0], {host: "127.0.0.1"});
  }
  return listen.apply(this, args);
};
