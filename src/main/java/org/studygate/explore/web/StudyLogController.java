package org.studygate.explore.web;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.text.Collator;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletResponse;

import org.studygate.InvalidInputException;
import org.studygate.audit.DayCount;
import org.studygate.audit.LogFilter;
import org.studygate.audit.LogPage;
import org.studygate.directory.Actor;
import org.studygate.explore.StudyLog;
import org.studygate.study.StudyId;

import org.springframework.context.MessageSource;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The Study logging tab ({@code /studies/{id}/log}) with its CSV, and the service desk's
 * search of the whole access log ({@code /admin/audit}).
 */
@Controller
class StudyLogController {

	static final int PAGE_SIZE = 50;

	private final StudyLog log;

	private final MessageSource messages;

	StudyLogController(StudyLog log, MessageSource messages) {
		this.log = log;
		this.messages = messages;
	}

	/**
	 * An action of the filter's select: its code and its name in the reader's language.
	 */
	record ActionChoice(String code, String name) {

	}

	/** The filter form as the page sends it. */
	record LogForm(String action, String actor, String channel, String outcome,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
			@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String after, String kind) {

		LogFilter filter() {
			return new LogFilter(action, actor, channel, outcome, from, to, kind);
		}

	}

	/**
	 * One bar of the chart, scaled to the busiest day; coordinates of the server-rendered
	 * SVG.
	 */
	record Bar(LocalDate day, long count, int x, int y, int height) {

	}

	static final int CHART_HEIGHT = 80;

	static final int BAR_WIDTH = 12;

	@GetMapping("/studies/{id}/log")
	String studyLog(Actor actor, @PathVariable("id") StudyId studyId, @ModelAttribute("form") LogForm form,
			BindingResult binding, Model model, Locale locale) {
		LogFilter filter = listedActionOrNone(filterOrNone(form, binding, model), model);
		String after = filter.isEmpty() && (binding.hasErrors() || model.containsAttribute("filterError")) ? null
				: form.after();
		StudyLog.View view = log.view(actor, studyId, filter, after, PAGE_SIZE);
		model.addAttribute("study", view.study());
		model.addAttribute("tabs", view.tabs());
		model.addAttribute("zone", view.zone());
		model.addAttribute("page", view.page());
		model.addAttribute("bars", bars(view.perDay(), log.chartPeriod(filter)));
		model.addAttribute("channels", LogFilter.CHANNELS.stream().sorted().toList());
		model.addAttribute("actions", actions(locale));
		return "log/study";
	}

	@GetMapping("/studies/{id}/log.csv")
	void studyLogCsv(Actor actor, @PathVariable("id") StudyId studyId, @ModelAttribute("form") LogForm form,
			BindingResult binding, HttpServletResponse response) throws IOException {
		if (binding.hasErrors()) {
			throw new InvalidInputException("from", "is not a date");
		}
		LogFilter filter = form.filter().withListedAction();
		log.csv(actor, studyId, filter, () -> csvWriter(response, "study-log-" + studyId.value() + ".csv"));
	}

	@GetMapping("/admin/audit")
	String search(Actor actor, @ModelAttribute("form") LogForm form, BindingResult binding, Model model) {
		LogFilter filter = filterOrNone(form, binding, model);
		LogPage page = log.search(actor, filter, model.containsAttribute("filterError") ? null : form.after(),
				PAGE_SIZE);
		model.addAttribute("page", page);
		model.addAttribute("bars", bars(log.perDay(actor, filter), log.chartPeriod(filter)));
		model.addAttribute("channels", LogFilter.CHANNELS.stream().sorted().toList());
		return "admin/audit";
	}

	@GetMapping("/admin/audit.csv")
	void searchCsv(Actor actor, @ModelAttribute("form") LogForm form, BindingResult binding,
			HttpServletResponse response) throws IOException {
		if (binding.hasErrors()) {
			throw new InvalidInputException("from", "is not a date");
		}
		LogFilter filter = form.filter();
		log.csvAll(actor, filter, () -> csvWriter(response, "audit-log.csv"));
	}

	private static LogFilter filterOrNone(LogForm form, BindingResult binding, Model model) {
		if (binding.hasErrors()) {
			model.addAttribute("filterError", "log.filter.invalidDate");
			model.addAttribute("form", new LogForm(null, null, null, null, null, null, null, null));
			return LogFilter.none();
		}
		try {
			return form.filter();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterError", "log.filter.invalid");
			model.addAttribute("form", new LogForm(null, null, null, null, null, null, null, null));
			return LogFilter.none();
		}
	}

	/**
	 * A study's log knows its actions: one it does not know is refused with its own
	 * message (decision 064), and every entry is shown.
	 */
	private static LogFilter listedActionOrNone(LogFilter filter, Model model) {
		try {
			return filter.withListedAction();
		}
		catch (InvalidInputException ex) {
			model.addAttribute("filterError", "log.filter.unknownAction");
			model.addAttribute("form", new LogForm(null, null, null, null, null, null, null, null));
			return LogFilter.none();
		}
	}

	/** The actions by their names in the reader's language, alphabetically. */
	private List<ActionChoice> actions(Locale locale) {
		Collator collator = Collator.getInstance(locale);
		return LogFilter.ACTIONS.stream()
			.map(code -> new ActionChoice(code, messages.getMessage("log.action." + code, null, code, locale)))
			.sorted(Comparator.comparing(ActionChoice::name, collator))
			.toList();
	}

	/** The response as a CSV download, asked for only once the read is allowed. */
	private static Writer csvWriter(HttpServletResponse response, String name) {
		response.setContentType("text/csv;charset=UTF-8");
		response.setHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
		response.setHeader("X-Content-Type-Options", "nosniff");
		try {
			return new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A bar for every day of the chart's period, empty days included. */
	static List<Bar> bars(List<DayCount> counts, LogFilter filter) {
		if (counts.isEmpty()) {
			return List.of();
		}
		LocalDate first = filter.from() != null ? filter.from() : counts.get(0).day();
		LocalDate last = filter.to() != null ? filter.to() : counts.get(counts.size() - 1).day();
		if (first.plusDays(366).isBefore(last)) {
			first = last.minusDays(366);
		}
		long max = counts.stream().mapToLong(DayCount::count).max().orElse(1);
		java.util.Map<LocalDate, Long> byDay = new java.util.HashMap<>();
		counts.forEach(c -> byDay.put(c.day(), c.count()));
		List<Bar> bars = new java.util.ArrayList<>();
		int i = 0;
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1), i++) {
			long count = byDay.getOrDefault(day, 0L);
			int height = count == 0 ? 0 : (int) Math.max(2, count * CHART_HEIGHT / Math.max(1, max));
			bars.add(new Bar(day, count, i * (BAR_WIDTH + 2), CHART_HEIGHT - height, height));
		}
		return bars;
	}

}
