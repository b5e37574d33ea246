// site.demand_response (docs/scenario.md, "demand_response"): the programme's reduction and
// payments, how the site answers, and its events as rules, dated entries or a CSV file.
#include <fmt/format.h>

#include <cmath>
#include <fstream>

#include "gigasim/core/errors.hpp"
#include "gigasim/io/formats/csv.hpp"
#include "gigasim/io/formats/files.hpp"
#include "gigasim/io/scenario/scenario_decoders.hpp"

namespace gigasim::io {
namespace {

constexpr int kMaxEventHours = 7 * 24;  // a week: longer is an outage, not demand response

// "HH:00" → HH, whole hours of the day only (the run's clock is hourly). 24:00 ends a day.
bool parse_hour(const std::string& text, int& out) {
  int h = -1, m = -1;
  char tail = 0;
  if (std::sscanf(text.c_str(), "%d:%d%c", &h, &m, &tail) != 2) return false;
  if (m != 0 || h < 0 || h > 24) return false;
  out = h;
  return true;
}

// "07:00-10:00" → [7, 10).
bool parse_window(const std::string& text, scenario::HourWindow& out) {
  const auto dash = text.find('-');
  if (dash == std::string::npos) return false;
  return parse_hour(text.substr(0, dash), out.from) && parse_hour(text.substr(dash + 1), out.to) &&
         out.from < out.to && out.from < 24;
}

void decode_answer(MapView& m, scenario::DemandResponseSpec& dr) {
  const YAML::Node answer = m.get("answer");
  if (!answer.IsDefined()) return;
  const char* hint = "expected a list of storage, defer, cap (applied in that order)";
  if (!answer.IsSequence() || answer.size() == 0) {
    m.error("answer", hint);
    return;
  }
  dr.by_storage = dr.by_deferral = dr.by_capping = false;
  for (std::size_t i = 0; i < answer.size(); ++i) {
    const std::string text = answer[i].IsScalar() ? answer[i].Scalar() : "";
    bool* flag = text == "storage" ? &dr.by_storage
                 : text == "defer" ? &dr.by_deferral
                 : text == "cap"   ? &dr.by_capping
                                   : nullptr;
    if (flag == nullptr) {
      m.context().error(index_path(m.path_of("answer"), i), answer[i],
                        fmt::format("unknown answer \"{}\"; {}", text, hint));
    } else {
      *flag = true;
    }
  }
}

void decode_rule(MapView& r, scenario::DemandResponseRule& rule) {
  const YAML::Node months = r.get("months");
  if (!months.IsDefined()) {
    r.error("months", "missing required key \"months\": a list of months 1 to 12 like [12, 1, 2]");
  } else if (!months.IsSequence() || months.size() == 0) {
    r.error("months", "expected a list of months 1 to 12 like [12, 1, 2]");
  } else {
    for (std::size_t k = 0; k < months.size(); ++k) {
      double v = 0;
      try {
        v = months[k].IsScalar() ? core::parse_number(months[k].Scalar()) : 0;
      } catch (const core::UnitParseError&) {
      }
      if (v < 1 || v > 12 || v != std::floor(v)) {
        r.context().error(index_path(r.path_of("months"), k), months[k],
                          "expected a month number 1 to 12");
      } else {
        rule.months[static_cast<std::size_t>(v) - 1] = true;
      }
    }
  }
  r.boolean("weekdays_only", rule.weekdays_only);
  const YAML::Node windows = r.get("windows");
  const char* hint = "expected a list of local hours like [\"07:00-10:00\", \"17:00-20:00\"]";
  if (!windows.IsDefined()) {
    r.error("windows", std::string("missing required key \"windows\": ") + hint);
  } else if (!windows.IsSequence() || windows.size() == 0) {
    r.error("windows", hint);
  } else {
    for (std::size_t k = 0; k < windows.size(); ++k) {
      scenario::HourWindow w;
      if (!windows[k].IsScalar() || !parse_window(windows[k].Scalar(), w)) {
        r.context().error(index_path(r.path_of("windows"), k), windows[k],
                          std::string("expected whole hours \"HH:00-HH:00\", the first before "
                                      "the second, like \"07:00-10:00\""));
      } else {
        rule.windows.push_back(w);
      }
    }
  }
  if (r.integer("days", rule.days, Need::optional, Check::non_negative))
    r.at_most("days", rule.days, 366, "366", "a rule selects days of each year");
}

// One dated event from its fields (a YAML entry or a CSV record), errors through `fail`.
template <class Fail>
bool make_event(const std::string& date, const std::string& from, double hours,
                scenario::DemandResponseEvent& e, Fail&& fail) {
  bool ok = true;
  if (!parse_date(date, e.day)) ok = fail("date", "expected a date like \"2025-01-15\"");
  if (!parse_hour(from, e.from_h) || e.from_h >= 24)
    ok = fail("from", "expected a whole local hour like \"07:00\"");
  if (hours < 1 || hours > kMaxEventHours || hours != std::floor(hours)) {
    ok = fail("hours", fmt::format("expected whole hours from 1 to {}", kMaxEventHours));
  } else {
    e.hours = static_cast<int>(hours);
  }
  return ok;
}

void decode_event_list(MapView& m, scenario::DemandResponseSpec& dr) {
  const YAML::Node list = m.get("events");
  if (!list.IsDefined()) return;
  if (!list.IsSequence() || list.size() == 0) {
    m.error("events", "expected a list like [{date: 2025-01-15, from: \"07:00\", hours: 3}]");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    MapView e(m.context(), list[i], index_path(m.path_of("events"), i));
    if (!e.valid()) continue;
    std::string date, from;
    double hours = 0;
    // Each read on its own, so that every missing key is reported, not only the first.
    const bool has_date = e.string("date", date, Need::required);
    const bool has_from = e.string("from", from, Need::required);
    const bool has_hours = e.number("hours", hours, Need::required);
    const bool present = has_date && has_from && has_hours;
    scenario::DemandResponseEvent event;
    e.quantity("reduction", event.reduction, Need::optional, Check::positive);
    if (present && make_event(date, from, hours, event, [&](const char* key, std::string why) {
          e.error(key, std::move(why));
          return false;
        }))
      dr.events.push_back(event);
    e.finish();
  }
}

// events_csv: a file with columns date, from, hours and optionally reduction_mw.
void decode_event_file(MapView& m, const std::filesystem::path& base_dir,
                       scenario::DemandResponseSpec& dr) {
  std::string file;
  if (!m.string("events_csv", file)) return;
  try {
    const std::filesystem::path full = resolve_input(base_dir, file, m.context().input_root());
    std::ifstream in = open_input_file(full, "CSV");
    CsvReader reader(in, full.string());
    CsvRecord header, record;
    const auto fail_at = [&](const CsvRecord& r, std::size_t field, const std::string& why) {
      throw core::InputError(
          core::Diagnostic{"", why,
                           core::SourceLocation{full.string(), r.line,
                                                field < r.columns.size() ? r.columns[field] : 1}});
    };
    if (!reader.next(header)) fail_at(header, 0, "empty file: expected a header line");
    std::size_t col[4] = {99, 99, 99, 99};  // date, from, hours, reduction_mw
    const char* names[4] = {"date", "from", "hours", "reduction_mw"};
    for (std::size_t f = 0; f < header.fields.size(); ++f)
      for (std::size_t k = 0; k < 4; ++k)
        if (trim_field(header.fields[f]) == names[k]) col[k] = f;
    for (std::size_t k = 0; k < 3; ++k)
      if (col[k] == 99)
        fail_at(header, 0,
                fmt::format("no column \"{}\" (columns: date, from, hours and "
                            "optionally reduction_mw)",
                            names[k]));
    std::size_t rows = 0;
    while (reader.next(record)) {
      if (record.fields.size() != header.fields.size())
        fail_at(record, 0,
                fmt::format("expected {} fields, found {}", header.fields.size(),
                            record.fields.size()));
      if (++rows > 100'000) fail_at(record, 0, "more than 100,000 events");
      double hours = 0;
      if (!parse_csv_number(trim_field(record.fields[col[2]]), hours))
        fail_at(record, col[2], "not a number");
      scenario::DemandResponseEvent event;
      if (col[3] != 99) {
        double mw = 0;
        const auto text = trim_field(record.fields[col[3]]);
        if (!text.empty()) {
          if (!parse_csv_number(text, mw) || mw <= 0)
            fail_at(record, col[3], "expected a positive number of MW");
          event.reduction = core::megawatts(mw);
        }
      }
      make_event(std::string(trim_field(record.fields[col[0]])),
                 std::string(trim_field(record.fields[col[1]])), hours, event,
                 [&](const char* key, const std::string& why) {
                   const std::size_t f = std::string(key) == "date"   ? col[0]
                                         : std::string(key) == "from" ? col[1]
                                                                      : col[2];
                   fail_at(record, f, why);
                   return false;
                 });
      dr.events.push_back(event);
    }
  } catch (const core::InputError& e) {
    for (auto d : e.diagnostics()) {
      d.path = m.path_of("events_csv");
      m.context().error(d.path,
                        d.location.known() ? d.location : m.context().where(m.get("events_csv")),
                        d.message);
    }
  }
}

}  // namespace

void decode_demand_response(MapView& site, const std::filesystem::path& base_dir,
                            scenario::SiteSpec& spec) {
  const YAML::Node node = site.get("demand_response");
  if (!node.IsDefined()) return;
  MapView m(site.context(), node, site.path_of("demand_response"));
  if (!m.valid()) return;
  scenario::DemandResponseSpec dr;
  if (m.quantity("reduction", dr.reduction, Need::required, Check::positive) &&
      dr.reduction > spec.grid_connection && spec.grid_connection.value() > 0)
    m.error("reduction", "asks more than the site's grid connection can carry");
  m.quantity("capacity_payment", dr.capacity_payment, Need::optional, Check::non_negative);
  m.quantity("energy_payment", dr.energy_payment, Need::optional, Check::non_negative);
  m.quantity("shortfall_penalty", dr.shortfall_penalty, Need::optional, Check::non_negative);
  decode_answer(m, dr);
  decode_job_classes(m, "deferrable", dr.deferrable);
  const YAML::Node rules = m.get("rules");
  if (rules.IsDefined()) {
    if (!rules.IsSequence() || rules.size() == 0) {
      m.error("rules",
              "expected a list of rules like [{months: [12, 1, 2], windows: "
              "[\"07:00-10:00\"], days: 10}]");
    } else {
      for (std::size_t i = 0; i < rules.size(); ++i) {
        MapView r(m.context(), rules[i], index_path(m.path_of("rules"), i));
        if (!r.valid()) continue;
        scenario::DemandResponseRule rule;
        decode_rule(r, rule);
        r.finish();
        dr.rules.push_back(std::move(rule));
      }
    }
  }
  decode_event_list(m, dr);
  decode_event_file(m, base_dir, dr);
  if (!rules.IsDefined() && !m.has("events") && !m.has("events_csv"))
    m.error("rules", "demand response needs its events: `rules`, `events` or `events_csv`");
  m.finish();
  spec.demand_response = std::move(dr);
}

void decode_job_classes(MapView& m, std::string_view key, std::uint8_t& mask) {
  const YAML::Node list = m.get(key);
  if (!list.IsDefined()) return;
  if (!list.IsSequence()) {
    m.error(key, "expected a list of job classes like [batch, evaluation]");
    return;
  }
  mask = 0;
  for (std::size_t i = 0; i < list.size(); ++i) {
    workload::JobClass c{};
    const std::string text = list[i].IsScalar() ? list[i].Scalar() : "";
    if (!workload::job_class_from(text, c)) {
      m.context().error(index_path(m.path_of(key), i), list[i],
                        fmt::format("unknown job class \"{}\"; known: pretraining, finetuning, "
                                    "evaluation, debugging, batch",
                                    text));
    } else {
      mask |= static_cast<std::uint8_t>(1U << static_cast<unsigned>(c));
    }
  }
}

}  // namespace gigasim::io
