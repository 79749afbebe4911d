/*
 * Web Worker shim for pages opened from file:// (a USB stick, a shared folder).
 *
 * Browsers refuse `new Worker("file:///...")`, so Material's search would never start.
 * Material's offline plugin fixes this with the `iframe-worker` shim from unpkg.com,
 * which needs the network. This is the same idea, shipped with the site (listed under
 * `extra.polyfills` in mkdocs.yml, so the offline plugin does not add unpkg): the worker
 * script runs in a hidden iframe, and messages are bridged with postMessage.
 * Design after iframe-worker 1.0.4 by Martin Donath (MIT).
 *
 * Over http(s) nothing is replaced: the browser's real Worker is used.
 */
(function () {
  "use strict"

  /* Runs inside the iframe: worker-style postMessage and a Promise-returning
   * importScripts (Material's worker awaits it). Serialised into the iframe's HTML. */
  function runtimePostMessage(message) {
    parent.postMessage(message, "*")
  }
  function runtimeImportScripts() {
    var urls = Array.prototype.slice.call(arguments)
    return urls.reduce(function (promise, url) {
      return promise.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script")
          script.src = url
          script.onload = resolve
          script.onerror = function () { reject(new Error("importScripts: cannot load " + url)) }
          document.body.appendChild(script)
        })
      })
    }, Promise.resolve())
  }

  function IFrameWorker(url) {
    var target = new EventTarget()
    var self = this
    this.url = String(url)
    this.onmessage = null
    this.onerror = null
    this.addEventListener = target.addEventListener.bind(target)
    this.removeEventListener = target.removeEventListener.bind(target)
    this.dispatchEvent = target.dispatchEvent.bind(target)

    var iframe = document.createElement("iframe")
    iframe.hidden = true
    iframe.title = "search worker"
    iframe.setAttribute("aria-hidden", "true")
    document.body.appendChild(this.iframe = iframe)

    /* Messages from the iframe reach this window; forward the ones from our iframe. */
    this._message = function (ev) {
      if (ev.source !== iframe.contentWindow)
        return
      var copy = new MessageEvent("message", { data: ev.data })
      self.dispatchEvent(copy)
      if (typeof self.onmessage === "function")
        self.onmessage(copy)
    }
    window.addEventListener("message", this._message)

    var w = iframe.contentWindow
    w.document.open()
    w.document.write(
      "<!doctype html><html><head><title>search worker</title></head><body><script>" +
      "postMessage=" + runtimePostMessage + ";" +
      "importScripts=" + runtimeImportScripts + ";" +
      "<\/script><script src=\"" + this.url.replace(/"/g, "&quot;") + "\"><\/script></body></html>")
    w.document.close()
    /* After close(): document.open() erases the window's event handlers. */
    this._ready = new Promise(function (resolve, reject) {
      w.onload = resolve
      w.onerror = reject
    })
  }

  IFrameWorker.prototype.postMessage = function (data) {
    var iframe = this.iframe
    this._ready.catch(function () {}).then(function () {
      if (iframe.contentWindow)
        iframe.contentWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }))
    })
  }

  IFrameWorker.prototype.terminate = function () {
    window.removeEventListener("message", this._message)
    this.iframe.remove()
  }

  window.IFrameWorker = IFrameWorker
  if (location.protocol === "file:")
    window.Worker = IFrameWorker
})()
