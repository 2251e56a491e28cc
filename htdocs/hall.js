/*
 * hall.js: what a script may add to pages that work without it (EXT-9):
 * the print button shows and prints; on the extranet, the service worker
 * that serves the offline notice (EXT-11) is registered.
 */
(function () {
	"use strict";
	var b = document.querySelectorAll("button.print-btn"), i;

	for (i = 0; i < b.length; i++) {
		b[i].hidden = false;
		b[i].addEventListener("click", function () { window.print(); });
	}
	if ("serviceWorker" in navigator &&
	    document.body.classList.contains("site-extranet"))
		navigator.serviceWorker.register("/sw.js").catch(function () {});
}());
