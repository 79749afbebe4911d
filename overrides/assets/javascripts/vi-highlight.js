/*
 * Highlight a search on the page it leads to, ignoring diacritics.
 *
 * A search result (digest-search.js) links to "page.html?h=đảng+uỷ" with the query's words.
 * This script takes the `h` parameter off the address and marks, in the page content, every
 * word that starts with a query word once both are folded: "dang" marks "Đảng", "đảng",
 * "DANG"; never "uy" inside "Huy".
 */
(function () {
  "use strict"
  var url
  try { url = new URL(location.href) } catch (e) { return }
  var query = url.searchParams.get("h")
  if (!query)
    return
  url.searchParams.delete("h")
  try {
    history.replaceState(history.state, "", url.href)
  } catch (e) {
    return  // cannot hide the parameter from Material: leave highlighting to it
  }

  /* One UTF-16 unit in, one out, so positions in the folded text are positions in the text. */
  function foldChar(c) {
    var f = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[\u0110\u00d0]/g, "d")
      .replace(/[\u0111\u00f0]/g, "d").toLowerCase()
    return f.length === 1 ? f : c.toLowerCase().length === 1 ? c.toLowerCase() : c
  }
  function fold(text) {
    var out = ""
    for (var i = 0; i < text.length; i++)
      out += foldChar(text[i])
    return out
  }

  var words = fold(query.normalize("NFC")).split(/[^a-z0-9.,]+/).filter(function (w) { return w.length > 0 })
  if (!words.length)
    return
  var escaped = words.map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") })
  escaped.sort(function (a, b) { return b.length - a.length })
  var pattern = new RegExp("(^|[^\\p{L}\\p{N}])(" + escaped.join("|") + ")[\\p{L}\\p{N}]*", "gu")

  function highlight() {
    var root = document.querySelector(".md-content article") || document.querySelector(".md-content")
    if (!root)
      return
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
    var nodes = []
    for (var node = walker.nextNode(); node; node = walker.nextNode())
      if (node.parentElement && !node.parentElement.closest("script, style, mark, code, pre"))
        nodes.push(node)
    nodes.forEach(function (node) {
      var text = node.nodeValue
      var folded = fold(text)
      var parts = [], last = 0, m
      pattern.lastIndex = 0
      while ((m = pattern.exec(folded)) !== null) {
        var start = m.index + m[1].length, end = m.index + m[0].length
        parts.push(document.createTextNode(text.slice(last, start)))
        var mark = document.createElement("mark")
        mark.setAttribute("data-md-highlight", "")
        mark.textContent = text.slice(start, end)
        parts.push(mark)
        last = end
        if (m[0].length === 0)
          pattern.lastIndex++
      }
      if (!parts.length)
        return
      parts.push(document.createTextNode(text.slice(last)))
      node.replaceWith.apply(node, parts)
    })
  }

  if (document.readyState === "loading")
    document.addEventListener("DOMContentLoaded", highlight)
  else
    highlight()
})()
