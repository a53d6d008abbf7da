package dev.partnerhub.rollups.web;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import dev.partnerhub.rollups.Contest;
import dev.partnerhub.rollups.domain.ContestDraft;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * The console's contest form. {@code rollupMode} "create" lets the contest make its
 * rollup, "existing" picks one.
 */
public class ContestForm {

	private String name;

	private Long programId;

	private List<String> skus = new ArrayList<>();

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate startsOn;

	@DateTimeFormat(iso = DateTimeFormat.ISO.DATE)
	private LocalDate endsOn;

	private String rollupMode = "create";

	private String measure = "amount";

	private Long rollupFieldId;

	// the contest's version when the form was loaded (optimistic locking)
	private Long version;

	static ContestForm of(Contest contest, String measure) {
		ContestForm form = new ContestForm();
		form.name = contest.name();
		form.programId = contest.programId();
		form.skus = new ArrayList<>(contest.skus());
		form.startsOn = contest.startsOn();
		form.endsOn = contest.endsOn();
		form.rollupMode = contest.ownsRollup() ? "create" : "existing";
		form.measure = measure;
		form.rollupFieldId = contest.ownsRollup() ? null : contest.rollupFieldId();
		form.version = contest.version();
		return form;
	}

	ContestDraft draft() {
		boolean create = !"existing".equals(this.rollupMode);
		return new ContestDraft(this.name, this.programId, this.skus, this.startsOn, this.endsOn, create, this.measure,
				create ? null : this.rollupFieldId);
	}

	public Long getVersion() {
		return this.version;
	}

	public void setVersion(Long version) {
		this.version = version;
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public Long getProgramId() {
		return this.programId;
	}

	public void setProgramId(Long programId) {
		this.programId = programId;
	}

	public List<String> getSkus() {
		return this.skus;
	}

	public void setSkus(List<String> skus) {
		this.skus = skus == null ? new ArrayList<>() : skus;
	}

	public LocalDate getStartsOn() {
		return this.startsOn;
	}

	public void setStartsOn(LocalDate startsOn) {
		this.startsOn = startsOn;
	}

	public LocalDate getEndsOn() {
		return this.endsOn;
	}

	public void setEndsOn(LocalDate endsOn) {
		this.endsOn = endsOn;
	}

	public String getRollupMode() {
		return this.rollupMode;
	}

	public void setRollupMode(String rollupMode) {
		this.rollupMode = rollupMode;
	}

	public String getMeasure() {
		return this.measure;
	}

	public void setMeasure(String measure) {
		this.measure = measure;
	}

	public Long getRollupFieldId() {
		return this.rollupFieldId;
	}

	public void setRollupFieldId(Long rollupFieldId) {
		this.rollupFieldId = rollupFieldId;
	}

}
