// node tests/lunr_reference.js SITE_DIR > index.json
// Builds the search index the way Material's worker does in the browser (lunr's Builder,
// our lunr.vi pipeline) from SITE_DIR/search/search_index.json, and prints it serialised
// (lunr.Index.toJSON), to compare with the prebuilt index (directive_digest/lunr_index.py).
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
const build = scope.lunr.Builder.prototype.build
scope.lunr.Builder.prototype.build = function () { return built = build.call(this) }
const index = JSON.parse(fs.readFileSync(path.join(site, "search/search_index.json"), "utf8"))
delete index.config.prebuilt  // the worker builds the index, as it does with no prebuilt one
scope.dispatchEvent(new scope.MessageEvent("message", { data: { type: 0, data: { ...index, options: { suggest: false } } } }))
;(function wait() {
  if (!reply) return setTimeout(wait, 10)
  if (!built) throw new Error("the worker did not build an index")
  process.stdout.write(JSON.stringify(built.toJSON()))
})()
