/*
 * The digest's full-text search engine (docs/search.md); the results dialog is
 * digest-search-ui.js.
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

  /* The term frequency an impact digit stands for (writer.impact: a log scale). */
  var TF = []
  for (var q = 0; q < 32; q++)
    TF.push(Math.exp(q / 8) - 1)

  /* [doc numbers, impacts] of an encoded postings list (writer.py): varints, or, for a
   * common word, "~", a bitmap of the n documents (6 a digit) and one impact digit each. */
  function decode(data, n) {
    var docs = [], impacts = [], value = 0, doc = -1, odd = false
    if (data.charCodeAt(0) === 126 /* ~ */) {
      var width = Math.ceil(n / 6), at = 1 + width
      for (var c = 0; c < width; c++) {
        var bits = DIGIT[data.charCodeAt(1 + c)]
        for (var b = 0; bits; b++, bits >>= 1)
          if (bits & 1) {
            docs.push(c * 6 + b)
            impacts.push(DIGIT[data.charCodeAt(at++)])
          }
      }
      return [docs, impacts]
    }
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
    return Promise.all([data, index()]).then(function (got) {
      var text = got[0]
      entry.decoded = decode(text, got[1].n)
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

  var MAX_EXPANSIONS = 4   /* words a prefix stands for, the most frequent first */
  var MIN_PREFIX = 3       /* a shorter first word stands only for itself ("th", "ng": initial consonants);
                              after another word, any prefix completes from that word's pairs */
  var MAX_PREFIX_SHARDS = 3

  /* Variant entries [exact, df, postings] for a query word: those of its folded key, or
   * (prefix) of the most frequent folded keys starting with it. */
  function wordVariants(m, word) {
    var first = wordShard(m, word.folded)
    if (!word.prefix || word.folded.length < MIN_PREFIX)
      return need("t/" + first).then(function (shard) { return shard[word.folded] || [] })
    var shards = [first]
    for (var s = first + 1; s < m.words.length && shards.length < MAX_PREFIX_SHARDS
         && m.words[s].lastIndexOf(word.folded, 0) === 0; s++)
      shards.push(s)
    return Promise.all(shards.map(function (s) { return need("t/" + s) })).then(function (list) {
      return expand(list, word.folded, function (key) { return key }, word.accented && word.exact)
    })
  }

  /* The variants of the keys of `shards` that start with `prefix` (through `part`): the key
   * equal to it first, then the most frequent others, MAX_EXPANSIONS keys in all. */
  function expand(shards, prefix, part, typed) {
    var keys = []
    shards.forEach(function (shard) {
      for (var key in shard) {
        var p = part(key)
        if (p === null || p.lastIndexOf(prefix, 0) !== 0)
          continue
        var variants = shard[key]
        /* Typed with diacritics ("đản"), a longer word stands only for its forms that start so
         * (đảng, not đang, dân): the word typed whole will find the others. */
        if (typed && p !== prefix)
          variants = variants.filter(function (v) { return startsWith(v[0], typed) })
        if (variants.length)
          keys.push([key, p === prefix, variants])
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
      }, (a.accented || b.accented) && a.exact + " " + b.exact)
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
        acc[d] += TF[impacts[k]]
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
  /* The word of a variant: the second of a pair's (a last word completed from pairs). */
  function lastWord(exact) {
    return exact.slice(exact.indexOf(" ") + 1)
  }
  function classifyWord(w) {
    return function (variant) {
      var exact = lastWord(variant)
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
      /* A last word still being typed after another word is completed from that word's pairs
       * ("nêu gươ": the pairs "nêu gươ…"), not from every word it starts: a word's first letters
       * would load the postings of the commonest words. Its own postings, if it is a word, too. */
      var completed = q.pairs.filter(function (p) { return p.b.prefix })[0]
      var wordsV = Promise.all(q.words.map(function (w) {
        return wordVariants(m, completed && completed.b === w ? { folded: w.folded, prefix: false } : w)
      }))
      var pairsV = Promise.all(q.pairs.map(function (p) { return pairVariants(m, p.a, p.b) }))
      return Promise.all([wordsV, pairsV]).then(function (v) {
        var wv = v[0], pv = v[1]
        if (completed) {
          var at = q.words.indexOf(completed.b)
          wv[at] = wv[at].concat(pv[q.pairs.indexOf(completed)])
        }
        q.words.forEach(function (w, i) {  /* the words to highlight: those found */
          var keys = new Set(wv[i].map(function (e) { return fold(lastWord(e[0])) }))
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
              results.push({ doc: d, score: score[d] * (m.boost[d] || 1) })
          results.sort(function (x, y) { return (y.score - x.score) || (x.doc - y.doc) })
          return rerank(m, { query: q, results: results })
        })
      })
    })
  }

  /* Runs of 3 or more adjacent query words: pairs say that each two are adjacent somewhere,
   * not that the whole run is. The best RERANK results are checked on their text, and those
   * holding a whole run go first (their documents are the ones shown next anyway). */
  var RERANK = 10  /* the first page of results: their documents are loaded to be shown anyway */
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

  window.DigestSearch = {
    load: register,
    search: search,
    parse: parse,
    holdsRuns: holdsRuns,
    text: { normalise: normalise, matchKey: matchKey, fold: fold, exactTokens: exactTokens, fnv1a: fnv1a },
    index: index,
    documentData: function (n) { return index().then(function (m) { return documentData(m, n) }) },
    root: ROOT,
    requested: requested,
    decode: decode,
    timings: []  /* per query answered by the dialog: ms to rank, ms to show (benchmarks/search.py) */
  }
})()
