package dev.partnerhub.groups.domain;

import java.time.Instant;

import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterJson;
import dev.partnerhub.groups.GroupSummary;
import dev.partnerhub.support.Jsonb;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.Table;

/** A saved group: a name and a filter (membership is never stored). */
@Table("contact_group")
class ContactGroup {

	@Id
	private Long id;

	private String name;

	private Jsonb filter;

	@InsertOnlyProperty
	private Instant createdAt;

	private Instant updatedAt;

	@Version
	private Long version;

	protected ContactGroup() {
	}

	ContactGroup(String name, Filter filter, Instant now) {
		this.createdAt = now;
		define(name, filter, now);
	}

	void define(String name, Filter filter, Instant now) {
		this.name = name;
		this.filter = Jsonb.of(FilterJson.toJson(filter));
		this.updatedAt = now;
	}

	/**
	 * The version the editor's form was loaded with (null = any): a save then fails when
	 * someone saved in between.
	 */
	void expectVersion(Long version) {
		if (version != null) {
			this.version = version;
		}
	}

	GroupSummary summary() {
		return new GroupSummary(this.id, this.name, FilterJson.parse(this.filter.json(), "filter"), this.createdAt,
				this.updatedAt, this.version);
	}

	Long getId() {
		return this.id;
	}

}
