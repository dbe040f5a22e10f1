/* "Open now" for a place's page. The opening hours table is there without this
   script; where it runs, it adds one line saying whether the place is open at
   this moment, in UK time, and if not when it next opens. It reads the hours
   from the data-opening-hours attribute the build writes (minutes after
   midnight, Monday first, and ISO dates that differ), and its words, in the
   page's language, from data-opening-words: {time} and {day} are filled in here. */
(function () {
  "use strict";
  var output = document.querySelector("[data-opening-hours]");
  if (!output || !window.Intl || !Intl.DateTimeFormat.prototype.formatToParts) { return; }
  var hours = JSON.parse(output.getAttribute("data-opening-hours"));
  var words = JSON.parse(output.getAttribute("data-opening-words"));
  var DAY = 86400000;

  // The date and time in the UK, whatever time zone the device is set to.
  var parts = {};
  new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23"
  }).formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
  var today = Date.UTC(+parts.year, +parts.month - 1, +parts.day);
  var minute = (+parts.hour % 24) * 60 + +parts.minute;

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (field, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : field;
    });
  }

  function dayAfter(offset) { return new Date(today + offset * DAY); }

  function sessions(offset) {
    var date = dayAfter(offset);
    var iso = date.toISOString().slice(0, 10);
    if (Object.prototype.hasOwnProperty.call(hours.special, iso)) { return hours.special[iso]; }
    return hours.week[(date.getUTCDay() + 6) % 7];
  }

  function clock(minutes) {
    if (minutes === 0 || minutes === 1440) { return words.midnight; }
    if (minutes === 720) { return words.midday; }
    var hour = Math.floor(minutes / 60);
    var rest = minutes % 60;
    var time = (hour % 12 || 12) + (rest ? ":" + (rest < 10 ? "0" : "") + rest : "");
    return fill(hour < 12 ? words.am : words.pm, {time: time});
  }

  function day(offset) {
    var date = dayAfter(offset);
    var name = words.days[(date.getUTCDay() + 6) % 7];
    if (offset === 1) { return words.tomorrow; }
    if (offset < 7) { return name; }
    return name + " " + date.getUTCDate() + " " + words.months[date.getUTCMonth()];
  }

  function describe() {
    var now = sessions(0);
    for (var i = 0; i < now.length; i++) {
      if (now[i][0] <= minute && minute < now[i][1]) { return fill(words.open, {time: clock(now[i][1])}); }
    }
    for (var offset = 0; offset < 14; offset++) {
      var next = sessions(offset);
      for (var j = 0; j < next.length; j++) {
        if (offset > 0 || next[j][0] > minute) {
          var time = clock(next[j][0]);
          return offset ? fill(words.opens, {day: day(offset), time: time}) : fill(words.opensToday, {time: time});
        }
      }
    }
    return words.closed;
  }

  output.textContent = describe();
}());
