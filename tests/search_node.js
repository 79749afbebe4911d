// Runs the site's search engine (overrides/assets/javascripts/digest-search.js) in Node, on
// an index written by directive_digest.search, for the unit tests (tests/test_search_engine.py).
//
//   node tests/search_node.js SITE_DIR < requests.json   ->   answers as JSON on stdout
//
// requests: {"text": [strings]} -> the text functions' output for each string, and/or
// {"queries": [strings]} -> for each query, the addresses of its results in rank order;
// {"decode": [[postings string, document count]]} -> [documents, impacts] of each.
// The shards are read from SITE_DIR/search/ the way <script> tags would load them.
"use strict"
const fs = require("fs")
const path = require("path")
const url = require("url")

const site = path.resolve(process.argv[2] || ".")
global.window = global
window.DIGEST_SEARCH_ROOT = url.pathToFileURL(site + path.sep).href
// A <script> tag: its file is run when it is added to the page.
global.document = {
  createElement: () => ({ remove() {} }),
  head: {
    appendChild(tag) {
      setImmediate(() => {
        const file = url.fileURLToPath(tag.src)
        if (!fs.existsSync(file))
          return tag.onerror && tag.onerror(new Error("missing " + file))
        new Function(fs.readFileSync(file, "utf8"))()
        tag.onload && tag.onload()
      })
    }
  }
}
require(path.join(__dirname, "..", "overrides", "assets", "javascripts", "digest-search.js"))

async function main() {
  const request = JSON.parse(fs.readFileSync(0, "utf8"))
  const S = window.DigestSearch, out = {}
  if (request.text)
    out.text = request.text.map(s => ({
      normalise: S.text.normalise(s), matchKey: S.text.matchKey(s), fold: S.text.fold(s),
      tokens: S.text.exactTokens(s), folded: S.text.exactTokens(s).map(S.text.fold), fnv1a: S.text.fnv1a(s)
    }))
  if (request.decode)
    out.decode = request.decode.map(([data, n]) => S.decode(data, n))
  if (request.queries) {
    out.queries = []
    for (const q of request.queries) {
      const answer = await S.search(q)
      const docs = await Promise.all(answer.results.slice(0, request.top || 10).map(r => S.documentData(r.doc)))
      out.queries.push({ count: answer.results.length, urls: docs.map(d => d.u),
                         scores: answer.results.slice(0, request.top || 10).map(r => r.score) })
    }
  }
  process.stdout.write(JSON.stringify(out))
}
main().catch(e => { console.error(e); process.exit(1) })
