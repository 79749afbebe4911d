/*
 * The digest's full-text search (docs/search.md): the query engine and the results dialog.
 *
 * The index (directive_digest/search/writer.py) is a set of small scripts under search/:
 * each one calls DigestSearch.load(name, data) when a <script> tag loads it, so the
 * search works from file:// (no fetch, no XHR, no worker), over http(s) and in
 * `mkdocs serve`. A query loads only the shards of its own words, then the documents of
 * the results it shows.
 *
 * Words are folded as directive_digest/search/text.py folds them (tests compare both on
 * hard cases): exact key = NFC, one tone-mark style, lower case; folded key = no
 * diacritics at all. Every word must match (AND), the last one as a prefix while the
 * reader is typing; "a quoted phrase" must match as a run; BM25 with field weights, a
 * bonus for adjacent words found adjacent, and exact diacritics above folded ones.
 *
 * The dialog keeps Material's look, markup and keys (s, /, arrows, Enter, Esc), without
 * Material's search plugin: the markup is ours (overrides/partials/digest-search.html).
 */
(function () {
  "use strict"

  /* ---- Text: the twin of directive_digest/search/text.py and vntext.py ---------------- */

  var INVISIBLE = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g
  var ODD_SPACES = /[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000\t\f\v]/g
  var TONES = "\u0300\u0301\u0303\u0309\u0323"
  var OLD_STYLE = new RegExp("([oO])([" + TONES + "])([aAeE])|([uU])([" + TONES + "])([yY])", "g")
  var MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
  var FOLD_MARKS = new RegExp("[" + MARKS + "]", "g")
  var W = "(?:[\\p{L}\\p{N}]|[" + MARKS + "])"
  var TOKEN = new RegExp(W + "+(?:(?<=\\p{Nd})[.,](?=\\p{Nd})" + W + "+)*", "gu")

  function normalise(text) {
    return String(text).replace(/\r\n?/g, "\n").replace(INVISIBLE, "").replace(ODD_SPACES, " ")
      .replace(/\u00d0/g, "\u0110").replace(/\u00f0/g, "\u0111").normalize("NFC")
  }
  function newStyle(m, o, t, a, u, t2, y) {
    return o ? o + a + t : u + y + t2
  }
  /* NFD, the tone of oa/oe/uy moved to the second vowel, NFC (as vntext.unify_tone_marks). */
  function unifyToneMarks(text) {
    return text.normalize("NFD").replace(OLD_STYLE, newStyle).normalize("NFC")
  }
  function matchKey(text) {
    return unifyToneMarks(normalise(text)).toLowerCase()
  }
  function fold(text) {
    return normalise(text).normalize("NFD").replace(FOLD_MARKS, "").replace(/\u0111/g, "d")
      .replace(/\u0110/g, "D").toLowerCase()
  }
  function exactTokens(text) {
    return matchKey(text).match(TOKEN) || []
  }
  function fnv1a(text) {
    var h = 0x811c9dc5
    for (var i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i)
      h = Math.imul(h, 0x01000193) >>> 0
    }
    return h >>> 0
  }

  /* ---- Loading shards with <script> tags ------------------------------------------------ */

  var script = typeof document !== "undefined" ? document.currentScript : null
  var ROOT = script ? new URL("../../", script.src).href : typeof location !== "undefined" ? new URL("./", location.href).href
    : window.DIGEST_SEARCH_ROOT  /* tests/search_node.js */
  var loaded = new Map()   /* name -> data */
  var waiting = new Map()  /* name -> {promise, resolve, reject} */
  var requested = []       /* names of the shards requested, in order (benchmarks/search.py reads it) */

  function register(name, data) {
    loaded.set(name, data)
    var w = waiting.get(name)
    if (w)
      w.resolve(data)
  }
  function need(name) {
    if (loaded.has(name))
      return Promise.resolve(loaded.get(name))
    var w = waiting.get(name)
    if (w)
      return w.promise
    w = {}
    w.promise = new Promise(function (resolve, reject) { w.resolve = resolve; w.reject = reject })
    waiting.set(name, w)
    requested.push(name)
    var tag = document.createElement("script")
    tag.src = ROOT + "search/" + name + ".js"
    tag.charset = "utf-8"
    tag.async = true
    tag.onload = function () {
      tag.remove()
      if (!loaded.has(name))
        w.reject(new Error("search: " + name + ".js did not register its data"))
    }
    tag.onerror = function () {
      tag.remove()
      waiting.delete(name)
      w.reject(new Error("search: cannot load " + tag.src))
    }
    document.head.appendChild(tag)
    return w.promise
  }

  /* ---- Postings ------------------------------------------------------------------------ */

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVabcdefghijklmnopqrstuvwxyzWXYZ-_"
  var DIGIT = new Int8Array(128).fill(-1)
  for (var i = 0; i < ALPHABET.length; i++)
    DIGIT[ALPHABET.charCodeAt(i)] = i

  /* [doc numbers, impacts] of an encoded postings list. */
  function decode(data) {
    var docs = [], impacts = [], value = 0, doc = -1, odd = false
    for (var i = 0; i < data.length; i++) {
      var d = DIGIT[data.charCodeAt(i)]
      if (d >= 32) {
        value = value * 32 + (d - 32)
        continue
      }
      value = value * 32 + d
      if (odd)
        impacts.push(value)
      else
        docs.push(doc += value + 1)
      odd = !odd
      value = 0
    }
    return [docs, impacts]
  }

  /* The decoded postings of a variant entry [exact, df, inline string | file number]. */
  function postings(entry) {
    if (entry.decoded)
      return Promise.resolve(entry.decoded)
    var data = typeof entry[2] === "number" ? need("p/" + entry[2]) : Promise.resolve(entry[2])
    return data.then(function (text) {
      entry.decoded = decode(text)
      return entry.decoded
    })
  }

  /* ---- The index ------------------------------------------------------------------------ */

  var manifest = null
  function index() {
    return manifest ? Promise.resolve(manifest) : need("index").then(function (m) { return manifest = m })
  }

  /* The word shard holding folded key `key` (manifest.words: first key of each shard). */
  function wordShard(m, key) {
    var lo = 0, hi = m.words.length - 1
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1
      if (m.words[mid] <= key)
        lo = mid
      else
        hi = mid - 1
    }
    return lo
  }

  var MAX_EXPANSIONS = 6   /* words a prefix stands for, the most frequent first */
  var MAX_PREFIX_SHARDS = 3

  /* Variant entries [exact, df, postings] for a query word: those of its folded key, or
   * (prefix) of the most frequent folded keys starting with it. */
  function wordVariants(m, word) {
    var first = wordShard(m, word.folded)
    if (!word.prefix)
      return need("t/" + first).then(function (shard) { return shard[word.folded] || [] })
    var shards = [first]
    for (var s = first + 1; s < m.words.length && shards.length < MAX_PREFIX_SHARDS
         && m.words[s].lastIndexOf(word.folded, 0) === 0; s++)
      shards.push(s)
    return Promise.all(shards.map(function (s) { return need("t/" + s) })).then(function (list) {
      return expand(list, word.folded, function (key) { return key })
    })
  }

  /* The variants of the keys of `shards` that start with `prefix` (through `part`): the key
   * equal to it first, then the most frequent others, MAX_EXPANSIONS keys in all. */
  function expand(shards, prefix, part) {
    var keys = []
    shards.forEach(function (shard) {
      for (var key in shard) {
        var p = part(key)
        if (p !== null && p.lastIndexOf(prefix, 0) === 0)
          keys.push([key, p === prefix, shard[key]])
      }
    })
    keys.sort(function (a, b) {
      return (b[1] - a[1]) || (df(b[2]) - df(a[2]))
    })
    var out = []
    keys.slice(0, MAX_EXPANSIONS).forEach(function (k) {
      k[2].forEach(function (v) { out.push(v) })
    })
    return out
  }
  function df(variants) {
    return variants.reduce(function (n, v) { return n + v[1] }, 0)
  }

  function pairShard(m, first) {
    return "n/" + (fnv1a(first) % m.pairs)
  }

  /* Variant entries of the pair (a, b); b completed as a prefix when b.prefix. */
  function pairVariants(m, a, b) {
    return need(pairShard(m, a.folded)).then(function (shard) {
      if (!b.prefix)
        return shard[a.folded + " " + b.folded] || []
      var head = a.folded + " "
      return expand([shard], b.folded, function (key) {
        return key.lastIndexOf(head, 0) === 0 ? key.slice(head.length) : null
      })
    })
  }

  /* ---- Queries ---------------------------------------------------------------------------- */

  /* Words of the query: {exact, folded, accented, prefix, phrase}; `phrase` numbers the
   * quoted run a word is in. Pairs: adjacent words of one run or one unquoted stretch. */
  function parse(query) {
    var words = [], pairs = [], parts = String(query).split('"')
    parts.forEach(function (part, i) {
      var quoted = i % 2 === 1 && i < parts.length - 1
      var tokens = exactTokens(part)
      tokens.forEach(function (exact, j) {
        var word = { exact: exact, folded: fold(exact), prefix: false, phrase: quoted ? i : 0 }
        word.accented = word.folded !== exact
        if (j > 0)
          pairs.push({ a: words[words.length - 1], b: word, required: quoted })
        words.push(word)
      })
    })
    var last = words[words.length - 1]
    /* Still being typed: the query ends inside the last word. */
    if (last && !last.phrase && /[\p{L}\p{N}]$/u.test(String(query).normalize("NFC")))
      last.prefix = true
    return { words: words, pairs: pairs }
  }

  var FOLDED_ONLY = 0.35  /* a word typed with diacritics, found only without them */
  var PAIR_WEIGHT = 2.5   /* two adjacent words found adjacent */
  var PREFIX_ONLY = 0.6   /* the last word found only as the start of a longer word */

  function saturate(tf, k1) {
    return tf * (k1 + 1) / (tf + k1)
  }
  function idf(n, df) {
    return Math.log(1 + (n - df + 0.5) / (df + 0.5))
  }

  /* Adds the BM25 part of one query word (or pair) to `score`, for the documents its
   * variants list; returns those documents as marks (Uint8Array). `classify(exact form)`
   * says whether a variant is the form typed ([exact, whole word]). */
  function accumulate(m, variants, lists, term, score, weight, classify) {
    var n = m.n, acc = new Float32Array(n), exact = new Uint8Array(n), whole = new Uint8Array(n)
    var touched = []
    variants.forEach(function (v, i) {
      var docs = lists[i][0], impacts = lists[i][1], kind = classify(v[0])
      for (var k = 0; k < docs.length; k++) {
        var d = docs[k]
        if (acc[d] === 0)
          touched.push(d)
        acc[d] += impacts[k] / m.impact
        if (kind[0])
          exact[d] = 1
        if (kind[1])
          whole[d] = 1
      }
    })
    var w = idf(n, touched.length) * weight
    var found = new Uint8Array(n)
    for (var t = 0; t < touched.length; t++) {
      var d = touched[t], s = w * saturate(acc[d], m.k1)
      if (term.accented && !exact[d])
        s *= FOLDED_ONLY
      if (term.prefix && !whole[d])
        s *= PREFIX_ONLY
      score[d] += s
      found[d] = 1
    }
    return found
  }

  function startsWith(s, prefix) {
    return s.lastIndexOf(prefix, 0) === 0
  }
  function classifyWord(w) {
    return function (exact) {
      return [w.prefix ? startsWith(exact, w.exact) : exact === w.exact, !w.prefix || fold(exact) === w.folded]
    }
  }
  function classifyPair(p) {
    var typed = p.a.exact + " " + p.b.exact
    return function (exact) {
      var second = exact.slice(exact.indexOf(" ") + 1)
      return [p.b.prefix ? startsWith(exact, typed) : exact === typed, !p.b.prefix || fold(second) === p.b.folded]
    }
  }

  function load(variants) {
    return Promise.all(variants.map(postings))
  }

  /* Ranked results: [{doc, score}], every query word found, quoted runs as pairs. */
  function search(query) {
    var q = parse(query)
    if (!q.words.length)
      return Promise.resolve({ query: q, results: [] })
    return index().then(function (m) {
      var wordsV = Promise.all(q.words.map(function (w) { return wordVariants(m, w) }))
      var pairsV = Promise.all(q.pairs.map(function (p) { return pairVariants(m, p.a, p.b) }))
      return Promise.all([wordsV, pairsV]).then(function (v) {
        var wv = v[0], pv = v[1]
        q.words.forEach(function (w, i) {  /* the words to highlight: those found */
          var keys = new Set(wv[i].map(function (e) { return fold(e[0]) }))
          w.keys = keys.size ? Array.from(keys) : [w.folded]
        })
        return Promise.all([Promise.all(wv.map(load)), Promise.all(pv.map(load))]).then(function (lists) {
          var score = new Float64Array(m.n), matched = new Uint16Array(m.n), runs = new Uint16Array(m.n)
          q.words.forEach(function (w, i) {
            var found = accumulate(m, wv[i], lists[0][i], w, score, 1, classifyWord(w))
            for (var d = 0; d < m.n; d++)
              matched[d] += found[d]
          })
          var required = 0
          q.pairs.forEach(function (p, i) {
            var term = { accented: p.a.accented || p.b.accented, prefix: p.b.prefix }
            var found = accumulate(m, pv[i], lists[1][i], term, score, PAIR_WEIGHT, classifyPair(p))
            if (p.required) {
              required++
              for (var d = 0; d < m.n; d++)
                runs[d] += found[d]
            }
          })
          var results = []
          for (var d = 0; d < m.n; d++)
            if (matched[d] === q.words.length && runs[d] === required)
              results.push({ doc: d, score: score[d] })
          results.sort(function (x, y) { return (y.score - x.score) || (x.doc - y.doc) })
          return rerank(m, { query: q, results: results })
        })
      })
    })
  }

  /* Runs of 3 or more adjacent query words: pairs say that each two are adjacent somewhere,
   * not that the whole run is. The best RERANK results are checked on their text, and those
   * holding a whole run go first (their documents are the ones shown next anyway). */
  var RERANK = 20
  function runsOf(q) {
    var runs = [], current = q.words.length ? [q.words[0]] : []
    q.pairs.forEach(function (p) { p.b.after = p.a })
    q.words.slice(1).forEach(function (w) {
      if (w.after)
        current.push(w)
      else {
        runs.push(current)
        current = [w]
      }
    })
    if (current.length)
      runs.push(current)
    return runs.filter(function (r) { return r.length >= 3 })
  }
  function holdsRun(folded, run) {
    for (var i = 0; i + run.length <= folded.length; i++) {
      var k = 0
      while (k < run.length && (run[k].prefix ? startsWith(folded[i + k], run[k].folded) : folded[i + k] === run[k].folded))
        k++
      if (k === run.length)
        return true
    }
    return false
  }
  function rerank(m, answer) {
    var runs = runsOf(answer.query)
    answer.query.runs = runs
    if (!runs.length || answer.results.length < 2)
      return answer
    var top = answer.results.slice(0, RERANK)
    return Promise.all(top.map(function (r) { return documentData(m, r.doc) })).then(function (docs) {
      docs.forEach(function (doc, i) {
        var folded = doc.folded || (doc.folded = tokensFolded(doc.t + "\n" + doc.text))
        top[i].runs = runs.filter(function (run) { return holdsRun(folded, run) }).length
      })
      top.sort(function (x, y) { return (y.runs - x.runs) || (y.score - x.score) || (x.doc - y.doc) })
      answer.results = top.concat(answer.results.slice(RERANK))
      return answer
    })
  }

  function inflate(b64) {
    var bin = atob(b64), bytes = new Uint8Array(bin.length)
    for (var i = 0; i < bin.length; i++)
      bytes[i] = bin.charCodeAt(i)
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw"))
    return new Response(stream).text()
  }

  /* A document's data {u, t, k, m, x}, its text inflated. */
  function documentData(m, number) {
    var name = "d/" + Math.floor(number / m.folder) + "/" + number
    return need(name).then(function (doc) {
      if (doc.text !== undefined)
        return doc
      return (doc.z ? inflate(doc.z) : Promise.resolve(doc.x || "")).then(function (text) {
        doc.text = text
        return doc
      })
    })
  }

  /* ---- Snippets and highlighting --------------------------------------------------------- */

  /* One UTF-16 unit in, one out: positions in the folded text are positions in the text. */
  var foldCache = new Map()
  function foldChar(c) {
    var f = foldCache.get(c)
    if (f === undefined) {
      f = fold(c)
      if (f.length !== 1)
        f = c.toLowerCase().length === 1 ? c.toLowerCase() : c
      foldCache.set(c, f)
    }
    return f
  }
  function foldText(text) {
    var out = ""
    for (var i = 0; i < text.length; i++)
      out += foldChar(text[i])
    return out
  }
  function escapeRegex(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
  }
  /* A regex finding, in folded text, the words the query found (whole words). */
  function wordPattern(q) {
    var keys = []
    q.words.forEach(function (w) { (w.keys || [w.folded]).forEach(function (k) { keys.push(escapeRegex(k)) }) })
    keys.sort(function (a, b) { return b.length - a.length })
    return new RegExp("(?<![\\p{L}\\p{N}])(?:" + keys.join("|") + ")(?![\\p{L}\\p{N}])", "gu")
  }
  function matches(text, pattern) {
    var folded = foldText(text), out = [], m
    pattern.lastIndex = 0
    while ((m = pattern.exec(folded)) !== null) {
      if (!m[0].length) {
        pattern.lastIndex++
        continue
      }
      out.push([m.index, m.index + m[0].length, m[0]])
    }
    return out
  }

  var SNIPPET = 220  /* characters */

  /* The stretch of `text` (about SNIPPET characters) holding the most different query
   * words, the most of them adjacent: [start, end, matches in it]. */
  function snippetRange(text, found) {
    if (!found.length)
      return [0, Math.min(text.length, SNIPPET), []]
    var best = null
    for (var i = 0; i < found.length; i++) {
      var start = found[i][0], end = start + SNIPPET, kinds = new Set(), run = 0, inside = []
      for (var j = i; j < found.length && found[j][1] <= end; j++) {
        kinds.add(found[j][2])
        if (j > i && /^[\s,.;:–-]*$/.test(text.slice(found[j - 1][1], found[j][0])))
          run++
        inside.push(found[j])
      }
      var value = kinds.size * 10 + run * 3 + inside.length
      if (!best || value > best[0])
        best = [value, start, inside]
    }
    var from = Math.max(0, best[1] - 60)
    var space = text.lastIndexOf(" ", best[1] - 1)
    if (from > 0 && space > from - 20 && space < best[1])
      from = space + 1
    var to = Math.min(text.length, from + SNIPPET)
    var cut = text.indexOf(" ", to)
    if (cut > 0 && cut - to < 20)
      to = cut
    return [from, to, best[2].filter(function (f) { return f[0] >= from && f[1] <= to })]
  }

  /* `text` into `el`, the found stretches as <mark>. */
  function fillMarked(el, text, found, offset) {
    var last = 0
    found.forEach(function (f) {
      var s = f[0] - offset, e = f[1] - offset
      if (s < last)
        return
      el.appendChild(document.createTextNode(text.slice(last, s)))
      var mark = document.createElement("mark")
      mark.textContent = text.slice(s, e)
      el.appendChild(mark)
      last = e
    })
    el.appendChild(document.createTextNode(text.slice(last)))
  }

  /* Whether a document holds every quoted run of 3+ words of the query (pairs only say that
   * each two adjacent words are adjacent somewhere). */
  function holdsRuns(q, doc) {
    var runs = (q.runs || []).filter(function (r) { return r[0].phrase })
    if (!runs.length)
      return true
    var folded = doc.folded || (doc.folded = tokensFolded(doc.t + "\n" + doc.text))
    return runs.every(function (run) { return holdsRun(folded, run) })
  }
  function tokensFolded(text) {
    return exactTokens(text).map(fold)
  }

  /* ---- The dialog -------------------------------------------------------------------------- */

  var PAGE = 10
  var ui = null
  var timings = []  /* per query answered: ms to rank, ms to show (benchmarks/search.py) */

  function text(key, count) {
    var t = {
      placeholder: "Nhập để bắt đầu tìm kiếm",
      none: "Không tìm thấy kết quả nào",
      one: "1 kết quả liên quan",
      other: "# kết quả liên quan",
      loading: "Đang tìm…",
      error: "Không tải được chỉ mục tìm kiếm"
    }[key]
    return count === undefined ? t : t.replace("#", count.toLocaleString("vi-VN"))
  }

  function setup() {
    var input = document.querySelector("[data-digest-search] .md-search__input")
    var toggle = document.getElementById("__search")
    if (!input || !toggle)
      return
    ui = {
      input: input, toggle: toggle,
      dialog: document.querySelector("[data-digest-search]"),
      meta: document.querySelector("[data-digest-search] .md-search-result__meta"),
      list: document.querySelector("[data-digest-search] .md-search-result__list"),
      scroll: document.querySelector("[data-digest-search] .md-search__scrollwrap"),
      generation: 0, shown: 0, current: null
    }
    ui.meta.textContent = text("placeholder")
    input.addEventListener("focus", function () {
      setOpen(true)
      index().catch(function () {})  /* the manifest, while the reader types */
    })
    input.addEventListener("input", function () { run(input.value) })
    toggle.addEventListener("change", function () {
      if (toggle.checked)
        setTimeout(function () { input.focus() }, 0)
      else
        closed()
    })
    input.form.addEventListener("submit", function (ev) { ev.preventDefault(); openResult() })
    input.form.addEventListener("reset", function () {
      setTimeout(function () { run(""); input.focus() }, 0)
    })
    ui.scroll.addEventListener("scroll", function () {
      var s = ui.scroll
      if (s.scrollTop + s.clientHeight >= s.scrollHeight - 40)
        more()
    })
    ui.dialog.addEventListener("click", function (ev) {
      if (ev.target instanceof Element && ev.target.closest(".md-search-result__link"))
        setOpen(false)
    })
    document.addEventListener("keydown", keydown, true)
    var shared = new URL(location.href).searchParams.get("q")
    if (shared) {
      input.value = shared
      setOpen(true)
      input.focus()
      run(shared)
    }
  }

  function setOpen(open) {
    if (ui.toggle.checked !== open) {
      ui.toggle.checked = open
      if (!open)
        closed()
    }
  }
  function closed() {
    ui.input.blur()
    address("")
  }

  /* The address shows the query (?q=…), so it can be shared or bookmarked. */
  function address(query) {
    try {
      var url = new URL(location.href)
      if (query)
        url.searchParams.set("q", query)
      else if (url.searchParams.has("q"))
        url.searchParams.delete("q")
      else
        return
      history.replaceState(history.state, "", url.href)
    } catch (e) { /* an address that cannot change (sandboxed): keep it */ }
  }

  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName))
  }

  function keydown(ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.isComposing)
      return
    var active = document.activeElement
    if (!ui.toggle.checked) {
      if ((ev.key === "s" || ev.key === "/" || ev.key === "f") && !editable(active)) {
        ev.preventDefault()
        ev.stopPropagation()
        setOpen(true)
        ui.input.focus()
        ui.input.select()
      }
      return
    }
    var links = [ui.input].concat(Array.prototype.slice.call(ui.list.querySelectorAll(".md-search-result__link")))
    switch (ev.key) {
      case "Escape":
      case "Tab":
        ev.preventDefault()
        setOpen(false)
        break
      case "Enter":
        if (active === ui.input) {
          ev.preventDefault()
          openResult()
        }
        break
      case "ArrowUp":
      case "ArrowDown":
        var at = Math.max(0, links.indexOf(active))
        var next = (at + links.length + (ev.key === "ArrowUp" ? -1 : 1)) % links.length
        links[next].focus()
        ev.preventDefault()
        break
      default:
        if (active !== ui.input && ev.key.length === 1)
          ui.input.focus()
    }
    ev.stopPropagation()
  }

  function openResult() {
    var first = ui.list.querySelector(".md-search-result__link")
    if (first) {
      setOpen(false)
      first.click()
    }
  }

  function run(query) {
    var generation = ++ui.generation, started = performance.now()
    address(query.trim() ? query : "")
    if (!query.trim()) {
      ui.current = null
      ui.list.textContent = ""
      ui.meta.textContent = text("placeholder")
      return Promise.resolve()
    }
    return search(query).then(function (answer) {
      if (generation !== ui.generation)
        return
      answer.verified = []
      answer.next = 0
      ui.current = answer
      ui.shown = 0
      answer.ranked = performance.now() - started
      return fill(answer, generation, true).then(function () {
        if (generation === ui.generation)
          timings.push({ query: query, ranked: answer.ranked, shown: performance.now() - started })
      })
    }).catch(function (error) {
      if (generation !== ui.generation)
        return
      ui.meta.textContent = text("error")
      ui.list.textContent = ""
      if (window.console)
        console.warn(error)
    })
  }

  function more() {
    if (ui.current && !ui.filling && ui.current.next < ui.current.results.length)
      fill(ui.current, ui.generation, false)
  }

  /* Shows the next PAGE results (checking quoted runs of 3+ words on the text). */
  function fill(answer, generation, fresh) {
    ui.filling = true
    return index().then(function (m) {
      var batch = answer.results.slice(answer.next, answer.next + PAGE)
      answer.next += batch.length
      return Promise.all(batch.map(function (r) { return documentData(m, r.doc) })).then(function (docs) {
        ui.filling = false
        if (generation !== ui.generation)
          return
        var rows = [], dropped = 0
        docs.forEach(function (doc) {
          if (holdsRuns(answer.query, doc))
            rows.push(row(answer.query, doc))
          else
            dropped++
        })
        answer.dropped = (answer.dropped || 0) + dropped
        var count = answer.results.length - answer.dropped
        ui.meta.textContent = count ? text(count === 1 ? "one" : "other", count) : text("none")
        if (fresh)
          ui.list.textContent = ""
        rows.forEach(function (r) { ui.list.appendChild(r) })
        if (rows.length < PAGE && answer.next < answer.results.length)
          return fill(answer, generation, false)
      })
    }, function (e) { ui.filling = false; throw e })
  }

  function row(q, doc) {
    var pattern = wordPattern(q)
    var li = document.createElement("li")
    li.className = "md-search-result__item"
    var a = document.createElement("a")
    var url = new URL(doc.u, ROOT)
    var words = q.words.map(function (w) { return w.exact }).join(" ")
    if (words)
      url.searchParams.set("h", words)
    a.href = url.href
    a.className = "md-search-result__link"
    a.tabIndex = -1
    var article = document.createElement("article")
    article.className = "md-search-result__article md-typeset"
    var icon = document.createElement("div")
    icon.className = "md-search-result__icon md-icon"
    var h1 = document.createElement("h1")
    fillMarked(h1, doc.t, matches(doc.t, pattern), 0)
    article.appendChild(icon)
    article.appendChild(h1)
    if (doc.m) {
      var meta = document.createElement("p")
      meta.className = "digest-search-result__meta"
      fillMarked(meta, doc.m, matches(doc.m, pattern), 0)
      article.appendChild(meta)
    }
    var body = doc.text || ""
    if (body) {
      var found = matches(body, pattern)
      var range = snippetRange(body, found)
      var p = document.createElement("p")
      p.className = "digest-search-result__snippet"
      var part = body.slice(range[0], range[1]).replace(/\n/g, " ")
      if (range[0] > 0)
        p.appendChild(document.createTextNode("… "))
      fillMarked(p, part, range[2], range[0])
      if (range[1] < body.length)
        p.appendChild(document.createTextNode(" …"))
      article.appendChild(p)
    }
    a.appendChild(article)
    li.appendChild(a)
    return li
  }

  window.DigestSearch = {
    load: register,
    search: search,
    parse: parse,
    text: { normalise: normalise, matchKey: matchKey, fold: fold, exactTokens: exactTokens, fnv1a: fnv1a },
    documentData: function (n) { return index().then(function (m) { return documentData(m, n) }) },
    run: function (q) { return ui ? run(q) : Promise.resolve() },
    decode: decode,
    requested: requested,
    timings: timings
  }

  if (typeof document === "undefined" || !document.addEventListener)
    return  /* Node (tests/search_node.js): the engine only */
  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", setup)
  else
    setup()
})()
