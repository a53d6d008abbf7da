package dev.partnerhub.programs.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.partnerhub.audit.Actor;
import dev.partnerhub.audit.AuditEntry;
import dev.partnerhub.audit.AuditLog;
import dev.partnerhub.audit.Changes;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.Excerpts;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a program is found on the web: the URL slug of its public pages and the other
 * sales sites its public forms may send visitors back to. Admin changes, checked and
 * audited; the reads are {@link ProgramService}'s (the programs API).
 */
@Service
@Transactional
public class ProgramAddresses {

	static final int MAX_SALES_SITES = 20;

	private final ProgramRepository programs;

	private final ProgramService catalog;

	private final AuditLog audit;

	ProgramAddresses(ProgramRepository programs, ProgramService catalog, AuditLog audit) {
		this.programs = programs;
		this.catalog = catalog;
		this.audit = audit;
	}

	/**
	 * Replaces the program's other sales sites: one origin per line (blank lines
	 * ignored), each {@code http(s)://host[:port]} without path, query or user info, at
	 * most {@value #MAX_SALES_SITES}; stored lower case. Returns what was stored.
	 */
	@Transactional
	public List<String> changeSalesSites(long id, String text) {
		List<String> origins = new ArrayList<>();
		List<String> lines = text == null ? List.of() : text.lines().toList();
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty()) {
				continue;
			}
			String origin = ProgramChecks.origin(line);
			if (origin == null) {
				throw new InvalidInputException("salesSites", "Line " + (i + 1) + ": " + Excerpts.of(line, 60)
						+ " is not a site address like https://shop.example.com (no path, no user name).");
			}
			if (!origins.contains(origin)) {
				origins.add(origin);
			}
		}
		if (origins.size() > MAX_SALES_SITES) {
			throw new InvalidInputException("salesSites", "At most " + MAX_SALES_SITES + " sales sites.");
		}
		List<String> before = this.catalog.salesSitesOf(id);
		if (this.programs.updateSalesSites(id, String.join("\n", origins)) == 0) {
			throw new NotFoundException("No program " + id);
		}
		if (!before.equals(origins)) {
			Changes changes = Changes.between(Map.of("salesSites", String.join(" ", before)),
					Map.of("salesSites", String.join(" ", origins)));
			this.audit.record(
					AuditEntry.of(Actor.current(), "program.update", "program", id, changes.before(), changes.after()));
		}
		return origins;
	}

	/**
	 * Gives the program another URL slug (lower-case letters, digits, single hyphens, at
	 * most 80). Links with the old slug stop working: the console says so.
	 */
	public String changeSlug(long id, String slug) {
		String wanted = slug == null ? "" : slug.strip().toLowerCase(java.util.Locale.ROOT);
		if (wanted.length() > ProgramService.MAX_SLUG || !ProgramService.SLUG.matcher(wanted).matches()) {
			throw new InvalidInputException("slug",
					"A URL slug has lower-case letters, digits and single hyphens, at most " + ProgramService.MAX_SLUG
							+ " characters (for example widget-partners).");
		}
		String before = this.programs.findSlugById(id).orElseThrow(() -> new NotFoundException("No program " + id));
		if (before.equals(wanted)) {
			return before;
		}
		if (this.programs.findBySlug(wanted).isPresent()) {
			throw new ConflictException("slug", "Another program has the URL slug " + wanted + ".");
		}
		try {
			this.programs.updateSlug(id, wanted);
		}
		catch (DataIntegrityViolationException ex) {
			throw new ConflictException("slug", "Another program has the URL slug " + wanted + ".");
		}
		Changes changes = Changes.between(Map.of("slug", before), Map.of("slug", wanted));
		this.audit
			.record(AuditEntry.of(Actor.current(), "program.update", "program", id, changes.before(), changes.after()));
		return wanted;
	}

}
