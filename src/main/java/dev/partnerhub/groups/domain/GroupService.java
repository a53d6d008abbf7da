package dev.partnerhub.groups.domain;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import javax.sql.DataSource;

import dev.partnerhub.contacts.ContactGroupFilter;
import dev.partnerhub.filters.FieldCatalog;
import dev.partnerhub.filters.Filter;
import dev.partnerhub.filters.FilterCompiler;
import dev.partnerhub.filters.FilterFields;
import dev.partnerhub.filters.FilterTarget;
import dev.partnerhub.filters.SqlFragment;
import dev.partnerhub.groups.GroupApi;
import dev.partnerhub.groups.GroupMember;
import dev.partnerhub.groups.GroupSummary;
import dev.partnerhub.groups.MembersPage;
import dev.partnerhub.rollups.RollupApi;
import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Groups: definitions in {@code contact_group} (the {@link ContactGroup} aggregate);
 * membership is the filter compiled to SQL over
 * {@code contact_directory gc left join partner_directory gp left join program_catalog gg}
 * (the owners' published views) and evaluated on every read (after draining pending
 * rollup changes), never stored — so it cannot drift from the values it is defined by.
 */
@Service
public class GroupService implements GroupApi, ContactGroupFilter {

	public static final int MAX_NAME = 120;

	/**
	 * The rows of {@link #FROM} that filter fields read: contacts, their partner row if
	 * any, its program.
	 */
	static final FilterTarget TARGET = FilterTarget.contacts("gc", "gp", "gg");

	static final String FROM = """
			from contact_directory gc
			left join partner_directory gp on gp.contact_id = gc.id
			left join program_catalog gg on gg.id = gp.program_id
			""";

	/** Member list sort keys and their SQL; the contact id always breaks ties. */
	public static final Map<String, String> SORTS = Map.of("id", "gc.id", "email", "lower(gc.email)", "name",
			"lower(gc.last_name), lower(gc.first_name)", "dateAdded", "gc.date_added");

	private final JdbcClient jdbc;

	private final JdbcClient streaming;

	private final RollupApi rollups;

	private final FilterFields filterFields;

	private final Clock clock;

	private final ContactGroupRepository repository;

	GroupService(JdbcClient jdbc, DataSource dataSource, RollupApi rollups, FilterFields filterFields, Clock clock,
			ContactGroupRepository repository) {
		this.clock = clock;
		this.repository = repository;
		this.jdbc = jdbc;
		JdbcTemplate template = new JdbcTemplate(dataSource);
		template.setFetchSize(500);
		this.streaming = JdbcClient.create(template);
		this.rollups = rollups;
		this.filterFields = filterFields;
	}

	// ---- definitions

	@Override
	public List<GroupSummary> groups() {
		return this.repository.findAllByName().stream().map(ContactGroup::summary).toList();
	}

	@Override
	public Optional<GroupSummary> find(long groupId) {
		return this.repository.findById(groupId).map(ContactGroup::summary);
	}

	public GroupSummary get(long groupId) {
		return find(groupId).orElseThrow(() -> new NotFoundException("No group " + groupId));
	}

	@Transactional
	public GroupSummary create(String name, Filter filter) {
		String valid = validate(name, filter, null);
		return save(new ContactGroup(valid, filter, this.clock.instant())).summary();
	}

	/** Changes a group, whatever its version (the API's PUT). */
	@Transactional
	public GroupSummary update(long id, String name, Filter filter) {
		return update(id, name, filter, null);
	}

	/**
	 * Changes a group, refused with
	 * {@link org.springframework.dao.OptimisticLockingFailureException} when
	 * {@code version} (the one the editor loaded; null = any) is no longer the group's.
	 */
	@Transactional
	public GroupSummary update(long id, String name, Filter filter, Long version) {
		ContactGroup group = this.repository.findById(id).orElseThrow(() -> new NotFoundException("No group " + id));
		String valid = validate(name, filter, id);
		group.expectVersion(version);
		group.define(valid, filter, this.clock.instant());
		return save(group).summary();
	}

	@Transactional
	public void delete(long id) {
		if (!this.repository.existsById(id)) {
			throw new NotFoundException("No group " + id);
		}
		this.repository.deleteById(id);
	}

	private ContactGroup save(ContactGroup group) {
		try {
			return this.repository.save(group);
		}
		catch (DuplicateKeyException ex) {
			throw duplicate(group.summary().name());
		}
	}

	/**
	 * Checks name and filter; returns the stripped name. InvalidInputException /
	 * ConflictException name the field.
	 */
	String validate(String name, Filter filter, Long id) {
		String text = name == null ? "" : name.strip();
		if (text.isEmpty()) {
			throw new InvalidInputException("name", "name: a name is required");
		}
		if (text.length() > MAX_NAME) {
			throw new InvalidInputException("name", "name: at most " + MAX_NAME + " characters");
		}
		if (text.chars().anyMatch(Character::isISOControl)) {
			throw new InvalidInputException("name", "name: control characters are not allowed");
		}
		checkFilter(filter);
		boolean taken = this.jdbc
			.sql("select exists (select 1 from contact_group where lower(name) = lower(:name) " + "and id <> :id)")
			.param("name", text)
			.param("id", id == null ? -1L : id)
			.query(Boolean.class)
			.single();
		if (taken) {
			throw duplicate(text);
		}
		return text;
	}

	/**
	 * Validates a filter (unknown fields and rollups, wrong types, empty groups) without
	 * saving it.
	 */
	public void checkFilter(Filter filter) {
		if (filter == null) {
			throw new InvalidInputException("filter", "filter: a filter is required, e.g. {\"match\": \"all\", "
					+ "\"conditions\": [{\"field\": \"partnerStatus\", \"op\": \"eq\", \"value\": \"approved\"}]}");
		}
		if (filter.conditions().isEmpty()) {
			throw new InvalidInputException("filter.conditions",
					"filter.conditions: the group is empty; add at least " + "one condition");
		}
		FilterCompiler.validate(filter, catalog(filter), "filter");
	}

	/**
	 * The catalog for one filter: the contact fields plus each {@code rollup:<name>} the
	 * filter names, under the exact spelling it uses (rollup names are case-insensitive,
	 * catalog lookups exact).
	 */
	FieldCatalog catalog(Filter filter) {
		return this.filterFields.catalogFor(filter, TARGET);
	}

	/**
	 * The field names a condition builder offers: contact fields, then
	 * {@code rollup:<name>} for every rollup.
	 */
	public List<String> fieldNames() {
		return this.filterFields.fieldNames(TARGET);
	}

	// ---- membership

	private SqlFragment compile(Filter filter) {
		return FilterCompiler.compile(filter, catalog(filter), LocalDate.now(this.clock.withZone(ZoneOffset.UTC)),
				"grp", "filter");
	}

	/** How many contacts match the filter now (the console's preview before saving). */
	public long count(Filter filter) {
		checkFilter(filter);
		this.rollups.refreshPending();
		SqlFragment where = compile(filter);
		return this.jdbc.sql("select count(*) " + FROM + "where " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
	}

	@Override
	public boolean isMember(long groupId, long contactId) {
		Optional<GroupSummary> group = find(groupId);
		if (group.isEmpty()) {
			return false;
		}
		this.rollups.refreshPending();
		SqlFragment where = compile(group.get().filter());
		Map<String, Object> params = new HashMap<>(where.params());
		params.put("contact", contactId);
		return this.jdbc.sql("select exists (select 1 " + FROM + "where gc.id = :contact and " + where.sql() + ")")
			.params(params)
			.query(Boolean.class)
			.single();
	}

	@Override
	public MembersPage members(long groupId, int page, int size) {
		return members(groupId, page, size, "id", true);
	}

	/** A page of members sorted by {@code sort} (a {@link #SORTS} key; unknown = id). */
	public MembersPage members(long groupId, int page, int size, String sort, boolean ascending) {
		if (size < 1 || size > 500) {
			throw new InvalidInputException("size", "size: must be between 1 and 500");
		}
		if (page < 0 || page > 1_000_000) {
			throw new InvalidInputException("page", "page: must be between 0 and 1000000");
		}
		GroupSummary group = get(groupId);
		this.rollups.refreshPending();
		SqlFragment where = compile(group.filter());
		long total = this.jdbc.sql("select count(*) " + FROM + "where " + where.sql())
			.params(where.params())
			.query(Long.class)
			.single();
		Map<String, Object> params = new HashMap<>(where.params());
		params.put("limit", size);
		params.put("offset", (long) page * size);
		List<GroupMember> items = total == 0 ? List.of()
				: this.jdbc
					.sql("select gc.id, gc.email, gc.first_name, gc.last_name, gc.date_added " + FROM + "where "
							+ where.sql() + orderBy(sort, ascending) + " limit :limit offset :offset")
					.params(params)
					.query(GroupService::member)
					.list();
		return new MembersPage(items, page, size, total);
	}

	/** Every member in the given order, streamed (CSV export). */
	public void forEachMember(long groupId, String sort, boolean ascending, Consumer<GroupMember> action) {
		GroupSummary group = get(groupId);
		this.rollups.refreshPending();
		SqlFragment where = compile(group.filter());
		this.streaming
			.sql("select gc.id, gc.email, gc.first_name, gc.last_name, gc.date_added " + FROM + "where " + where.sql()
					+ orderBy(sort, ascending))
			.params(where.params())
			.query((RowCallbackHandler) rs -> action.accept(member(rs, 0)));
	}

	private static String orderBy(String sort, boolean ascending) {
		String direction = ascending ? " asc" : " desc";
		String columns = SORTS.getOrDefault(sort == null ? "id" : sort, "gc.id");
		List<String> terms = new ArrayList<>();
		for (String column : columns.split(", ")) {
			terms.add(column + direction);
		}
		if (!"gc.id".equals(columns)) {
			terms.add("gc.id" + direction);
		}
		return " order by " + String.join(", ", terms);
	}

	// ---- ContactGroupFilter (the contact and partner lists' group select)

	@Override
	public List<Option> groupOptions() {
		return this.jdbc.sql("select id, name from contact_group order by lower(name), id")
			.query((rs, n) -> new Option(rs.getLong(1), rs.getString(2)))
			.list();
	}

	@Override
	public Optional<Predicate> membersOf(long groupId, String contactIdSql) {
		return find(groupId).map(group -> {
			this.rollups.refreshPending();
			SqlFragment where = compile(group.filter());
			return new Predicate("(" + contactIdSql + ") in (select gc.id " + FROM + "where " + where.sql() + ")",
					where.params());
		});
	}

	// ----

	private static ConflictException duplicate(String name) {
		return new ConflictException("name", "name: a group named '" + name + "' already exists");
	}

	private static GroupMember member(ResultSet rs, int n) throws SQLException {
		return new GroupMember(rs.getLong("id"), rs.getString("email"), rs.getString("first_name"),
				rs.getString("last_name"), instant(rs, "date_added"));
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
		return value == null ? null : value.toInstant();
	}

}
