/*
 * The results dialog of the digest's search (docs/search.md), over the engine in
 * digest-search.js (loaded first).
 *
 * It keeps Material's look, markup and keys (s, /, arrows, Enter, Esc) without Material's
 * search plugin: the markup is ours (overrides/partials/digest-search.html), in Material's
 * classes. Results show the title, the result line (directive · year · date · outlet) and a
 * snippet with the words found marked; the address carries the query (?q=) to share it.
 */
(function () {
  "use strict"
  var S = window.DigestSearch
  if (!S || typeof document === "undefined")
    return
  var fold = S.text.fold
  var ROOT = S.root
  var timings = S.timings

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

  /* ---- The dialog -------------------------------------------------------------------------- */

  var PAGE = 10
  var PAUSE = 80  /* ms without a key before the query is run */
  var ui = null

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
      generation: 0, current: null
    }
    ui.meta.textContent = text("placeholder")
    input.addEventListener("focus", function () {
      setOpen(true)
      S.index().catch(function () {})  /* the manifest, while the reader types */
    })
    input.addEventListener("input", function () {
      /* Answered once the keys pause: a word's first letters, typed fast, load nothing. */
      var typed = performance.now()
      clearTimeout(ui.timer)
      ui.timer = setTimeout(function () { run(input.value, typed) }, PAUSE)
    })
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

  function run(query, typed) {
    var generation = ++ui.generation, started = typed || performance.now()
    address(query.trim() ? query : "")
    if (!query.trim()) {
      ui.current = null
      ui.list.textContent = ""
      ui.meta.textContent = text("placeholder")
      return Promise.resolve()
    }
    return S.search(query).then(function (answer) {
      if (generation !== ui.generation)
        return
      answer.next = 0
      ui.current = answer
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
    var batch = answer.results.slice(answer.next, answer.next + PAGE)
    answer.next += batch.length
    return Promise.all(batch.map(function (r) { return S.documentData(r.doc) })).then(function (docs) {
      ui.filling = false
      if (generation !== ui.generation)
        return
      var rows = [], dropped = 0
      docs.forEach(function (doc) {
        if (S.holdsRuns(answer.query, doc))
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

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", setup)
  else
    setup()
})()
