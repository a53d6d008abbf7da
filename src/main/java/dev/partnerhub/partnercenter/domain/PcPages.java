package dev.partnerhub.partnercenter.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partner-center pages the console builds ({@code pc_page}) and their blocks
 * ({@code pc_block}, config as JSONB): written as the {@link CenterPage} aggregate, read
 * with SQL (the partner center's navigation and pages read only what they show, in one
 * statement each). Visibility is decided in SQL ({@link #visible}): published and
 * "program equal to one of" the page's programs, or any program; everything else is not
 * found.
 */
@Repository
@Transactional
public class PcPages {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	private final CenterPageRepository repository;

	private final Clock clock;

	PcPages(JdbcClient jdbc, CenterPageRepository repository, Clock clock) {
		this.jdbc = jdbc;
		this.repository = repository;
		this.clock = clock;
	}

	public record PcPage(long id, String title, String slug, int navOrder, boolean anyProgram, List<Long> programIds,
			boolean membersOnly, boolean published, long version) {

		public PcPage {
			programIds = List.copyOf(programIds);
		}

		/** The display condition in the seed's words. */
		public String condition(Map<Long, String> programNames) {
			if (this.anyProgram) {
				return "Partner program is not blank (any program)";
			}
			return "Partner program equal to one of: " + String.join(", ",
					this.programIds.stream().map(id -> programNames.getOrDefault(id, "#" + id)).toList());
		}

	}

	public record PcBlock(long id, long pageId, int position, BlockType type, Map<String, String> config) {

		public PcBlock {
			config = Map.copyOf(config);
		}

		public String get(String key) {
			return this.config.getOrDefault(key, "");
		}

	}

	/** What the page form sends, already checked by {@link PageDraft#check}. */
	public record PageDraft(String title, String slug, int navOrder, boolean anyProgram, List<Long> programIds,
			boolean membersOnly, boolean published) {
	}

	@Transactional(readOnly = true)
	public List<PcPage> all() {
		return this.jdbc.sql("select * from pc_page order by nav_order, id").query(PcPages::page).list();
	}

	@Transactional(readOnly = true)
	public Optional<PcPage> find(long id) {
		return this.jdbc.sql("select * from pc_page where id = :id").param("id", id).query(PcPages::page).optional();
	}

	/**
	 * Published pages a partner of {@code programId} may see, in navigation order (one
	 * statement, for the nav).
	 */
	@Transactional(readOnly = true)
	public List<PcPage> navFor(long programId) {
		return this.jdbc.sql("""
				select * from pc_page
				where published and (any_program or :program = any(program_ids))
				order by nav_order, id
				""").param("program", programId).query(PcPages::page).list();
	}

	/**
	 * The page by slug if a partner of {@code programId} may see it; empty otherwise (a
	 * 404, like an unknown slug).
	 */
	@Transactional(readOnly = true)
	public Optional<PcPage> visible(String slug, long programId) {
		return this.jdbc.sql("""
				select * from pc_page
				where slug = :slug and published and (any_program or :program = any(program_ids))
				""")
			.param("slug", slug == null ? "" : slug)
			.param("program", programId)
			.query(PcPages::page)
			.optional();
	}

	@Transactional(readOnly = true)
	public List<PcBlock> blocks(long pageId) {
		return this.jdbc.sql("select * from pc_block where page_id = :page order by position, id")
			.param("page", pageId)
			.query(PcPages::block)
			.list();
	}

	public PcPage create(PageDraft draft) {
		return find(save(new CenterPage(draft, this.clock.instant()), draft).getId()).orElseThrow();
	}

	/**
	 * Changes a page's settings, whatever its version (null) or only from
	 * {@code version}.
	 */
	public PcPage update(long id, PageDraft draft, @Nullable Long version) {
		CenterPage page = load(id);
		page.expectVersion(version);
		page.apply(draft, this.clock.instant());
		save(page, draft);
		return find(id).orElseThrow();
	}

	public void delete(long id) {
		this.repository.deleteById(id);
	}

	public PcBlock addBlock(long pageId, BlockType type, Map<String, String> config) {
		CenterPage page = load(pageId);
		page.add(type, config);
		long id = this.repository.save(page).last().getId();
		return block(pageId, id).orElseThrow();
	}

	public void updateBlock(long pageId, long blockId, Map<String, String> config) {
		CenterPage page = load(pageId);
		if (page.block(blockId).isEmpty()) {
			throw new NotFoundException("No such block.");
		}
		page.configure(blockId, config);
		this.repository.save(page);
	}

	@Transactional(readOnly = true)
	public Optional<PcBlock> block(long pageId, long blockId) {
		return this.jdbc.sql("select * from pc_block where id = :id and page_id = :page")
			.param("id", blockId)
			.param("page", pageId)
			.query(PcPages::block)
			.optional();
	}

	public void removeBlock(long pageId, long blockId) {
		this.repository.findForUpdateById(pageId).filter(page -> page.block(blockId).isPresent()).ifPresent(page -> {
			page.remove(blockId);
			this.repository.save(page);
		});
	}

	/**
	 * Swaps the block with its neighbour above ({@code up}) or below; at the edge nothing
	 * changes.
	 */
	public void move(long pageId, long blockId, boolean up) {
		CenterPage page = load(pageId);
		if (page.block(blockId).isEmpty()) {
			throw new NotFoundException("No such block.");
		}
		page.move(blockId, up);
		this.repository.save(page);
	}

	/** The page, locked: two admins' block changes follow one another. */
	private CenterPage load(long id) {
		return this.repository.findForUpdateById(id).orElseThrow(() -> new NotFoundException("No such page."));
	}

	private CenterPage save(CenterPage page, PageDraft draft) {
		try {
			return this.repository.save(page);
		}
		catch (DuplicateKeyException ex) {
			throw slugTaken(draft.slug());
		}
	}

	private static ConflictException slugTaken(String slug) {
		return new ConflictException("The slug '" + slug + "' is already used by another page.");
	}

	private static PcPage page(ResultSet rs, int n) throws SQLException {
		Array array = rs.getArray("program_ids");
		List<Long> ids = array == null ? List.of() : Arrays.stream((Long[]) array.getArray()).toList();
		return new PcPage(rs.getLong("id"), rs.getString("title"), rs.getString("slug"), rs.getInt("nav_order"),
				rs.getBoolean("any_program"), ids, rs.getBoolean("members_only"), rs.getBoolean("published"),
				rs.getLong("version"));
	}

	private static PcBlock block(ResultSet rs, int n) throws SQLException {
		Map<String, String> config = JSON.readValue(rs.getString("config"), new TypeReference<Map<String, String>>() {
		});
		return new PcBlock(rs.getLong("id"), rs.getLong("page_id"), rs.getInt("position"),
				BlockType.of(rs.getString("type")), config);
	}

}
