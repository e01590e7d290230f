// Staff check-in: scan attendees' QR codes with the camera where the browser has BarcodeDetector; the typed code
// form always works. Each scan submits the form (htmx posts it and shows the result).
(function () {
  "use strict";
  function init() {
    var button = document.getElementById("start-camera");
    if (!button || !("BarcodeDetector" in window) || !navigator.mediaDevices) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      var video = document.getElementById("camera");
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      var last = "", lastAt = 0;
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
        video.srcObject = stream;
        video.play();
        document.getElementById("scanner").hidden = false;
        button.hidden = true;
        window.setInterval(function () {
          if (video.readyState < 2) return;
          detector.detect(video).then(function (codes) {
            if (!codes.length) return;
            var value = codes[0].rawValue, now = Date.now();
            if (value === last && now - lastAt < 5000) return;  // the same card still in front of the camera
            last = value; lastAt = now;
            var form = document.getElementById("checkin-form");  // htmx replaces the form after each check-in
            form.querySelector("input[name=code]").value = value;
            form.requestSubmit();
          }).catch(function () {});
        }, 300);
      }).catch(function () { button.hidden = true; });
    });
  }
  document.addEventListener("DOMContentLoaded", init);
})();
