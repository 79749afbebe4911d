// node tests/lunr_reference.js SITE_DIR [--prebuilt] > index.json
// Runs the site's (patched) Material search worker on SITE_DIR/search/search_index.json and
// prints the lunr index it ends up with, serialised (lunr.Index.toJSON):
//   default:     the worker builds the index in the browser's way (lunr's Builder, our
//                lunr.vi pipeline), as with no prebuilt index;
//   --prebuilt:  the worker loads the prebuilt index (lunr.vi.load).
// To compare with directive_digest/lunr_index.py (tests/test_search_index.py).
"use strict"
const fs = require("fs"), path = require("path"), vm = require("vm")
const site = process.argv[2]
const workers = path.join(site, "assets/javascripts/workers")
const worker = fs.readdirSync(workers).find(f => /^search\..*\.min\.js$/.test(f))
let reply = null, built = null
const listeners = []
const scope = {
  console, Map, Set, WeakSet, Promise, Uint16Array, setTimeout,
  MessageEvent: class { constructor(type, init) { this.type = type; this.data = init.data } },
  postMessage: message => { reply = message },
  importScripts: (...urls) => { for (const u of urls) vm.runInContext(fs.readFileSync(path.join(workers, u), "utf8"), scope) },
  addEventListener: (type, fn, capture) => listeners.push({ fn, capture: !!capture }),
}
scope.self = scope
scope.dispatchEvent = ev => {
  let stopped = false
  ev.stopImmediatePropagation = () => { stopped = true }
  for (const l of [...listeners].sort((a, b) => b.capture - a.capture)) { l.fn(ev); if (stopped) break }
}
vm.createContext(scope)
vm.runInContext(fs.readFileSync(path.join(workers, worker), "utf8"), scope)
const prebuilt = process.argv.includes("--prebuilt")
const build = scope.lunr.Builder.prototype.build
scope.lunr.Builder.prototype.build = function () { return built = build.call(this) }
const load = scope.lunr.Index.load
scope.lunr.Index.load = function (data) { return built = load.call(this, data) }
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"))
if (!prebuilt)
  delete index.config.prebuilt  // the worker builds the index, as it does with no prebuilt one
scope.dispatchEvent(new scope.MessageEvent("message", { data: { type: 0, data: { ...index, options: { suggest: false } } } }))
;(function wait() {
  if (!reply) return setTimeout(wait, 10)
  if (!built) throw new Error("the worker did not build an index")
  process.stdout.write(JSON.stringify(built.toJSON()))
})()
