/*
 * sw.js: the extranet's service worker (EXT-11).  It keeps the offline
 * notice and what it needs, and shows it when a page cannot be fetched;
 * every page otherwise comes from the network as before (nothing of a
 * citizen's is ever cached).
 */
"use strict";
var CACHE = "yw-offline-1";
var KEEP = ["/static/offline.html", "/static/yiwang.css", "/favicon.ico"];

self.addEventListener("install", function (e) {
	e.waitUntil(caches.open(CACHE).then(function (c) {
		return c.addAll(KEEP);
	}).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (e) {
	e.waitUntil(caches.keys().then(function (ks) {
		return Promise.all(ks.filter(function (k) {
			return k !== CACHE;
		}).map(function (k) { return caches.delete(k); }));
	}).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (e) {
	if (e.request.mode !== "navigate")
		return;
	e.respondWith(fetch(e.request).catch(function () {
		return caches.match("/static/offline.html");
	}));
});
