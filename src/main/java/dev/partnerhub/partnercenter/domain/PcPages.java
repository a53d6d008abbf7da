package dev.partnerhub.partnercenter.domain;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.support.ConflictException;
import dev.partnerhub.support.NotFoundException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Partner-center pages the console builds ({@code pc_page}) and their blocks
 * ({@code pc_block}, config as JSONB). Visibility is decided in SQL ({@link #visible}):
 * published and "program equal to one of" the page's programs, or any program; everything
 * else is not found.
 */
@Repository
@Transactional
public class PcPages {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	private final JdbcClient jdbc;

	PcPages(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public record PcPage(long id, String title, String slug, int navOrder, boolean anyProgram, List<Long> programIds,
			boolean membersOnly, boolean published) {

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
		try {
			long id = this.jdbc.sql("""
					insert into pc_page (title, slug, nav_order, any_program, program_ids, members_only, published)
					values (:title, :slug, :order, :any, :programs::bigint[], :members, :published) returning id
					""").params(params(draft)).query(Long.class).single();
			return find(id).orElseThrow();
		}
		catch (DuplicateKeyException ex) {
			throw slugTaken(draft.slug());
		}
	}

	public PcPage update(long id, PageDraft draft) {
		Map<String, Object> params = params(draft);
		params.put("id", id);
		try {
			int updated = this.jdbc.sql("""
					update pc_page set title = :title, slug = :slug, nav_order = :order, any_program = :any,
					       program_ids = :programs::bigint[], members_only = :members, published = :published,
					       updated_at = now()
					where id = :id
					""").params(params).update();
			if (updated == 0) {
				throw new NotFoundException("No such page.");
			}
		}
		catch (DuplicateKeyException ex) {
			throw slugTaken(draft.slug());
		}
		return find(id).orElseThrow();
	}

	public void delete(long id) {
		this.jdbc.sql("delete from pc_page where id = :id").param("id", id).update();
	}

	public PcBlock addBlock(long pageId, BlockType type, Map<String, String> config) {
		// lock the page so concurrent adds get distinct positions
		this.jdbc.sql("select id from pc_page where id = :id for update")
			.param("id", pageId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No such page."));
		long id = this.jdbc.sql("""
				insert into pc_block (page_id, position, type, config)
				values (:page, (select coalesce(max(position), 0) + 1 from pc_block where page_id = :page), :type,
				        :config::jsonb)
				returning id
				""")
			.param("page", pageId)
			.param("type", type.value())
			.param("config", JSON.writeValueAsString(config))
			.query(Long.class)
			.single();
		return block(pageId, id).orElseThrow();
	}

	public void updateBlock(long pageId, long blockId, Map<String, String> config) {
		int n = this.jdbc.sql("update pc_block set config = :config::jsonb where id = :id and page_id = :page")
			.param("config", JSON.writeValueAsString(config))
			.param("id", blockId)
			.param("page", pageId)
			.update();
		if (n == 0) {
			throw new NotFoundException("No such block.");
		}
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
		this.jdbc.sql("delete from pc_block where id = :id and page_id = :page")
			.param("id", blockId)
			.param("page", pageId)
			.update();
	}

	/**
	 * Swaps the block with its neighbour above ({@code up}) or below; at the edge nothing
	 * changes.
	 */
	public void move(long pageId, long blockId, boolean up) {
		this.jdbc.sql("select id from pc_page where id = :id for update")
			.param("id", pageId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("No such page."));
		List<PcBlock> blocks = new ArrayList<>(blocks(pageId));
		int index = -1;
		for (int i = 0; i < blocks.size(); i++) {
			if (blocks.get(i).id() == blockId) {
				index = i;
			}
		}
		if (index < 0) {
			throw new NotFoundException("No such block.");
		}
		int other = up ? index - 1 : index + 1;
		if (other < 0 || other >= blocks.size()) {
			return;
		}
		PcBlock moved = blocks.remove(index);
		blocks.add(other, moved);
		for (int i = 0; i < blocks.size(); i++) {
			this.jdbc.sql("update pc_block set position = :pos where id = :id")
				.param("pos", i + 1)
				.param("id", blocks.get(i).id())
				.update();
		}
	}

	private static Map<String, Object> params(PageDraft draft) {
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("title", draft.title());
		params.put("slug", draft.slug());
		params.put("order", draft.navOrder());
		params.put("any", draft.anyProgram());
		params.put("programs", "{" + String.join(",", draft.programIds().stream().map(String::valueOf).toList()) + "}");
		params.put("members", draft.membersOnly());
		params.put("published", draft.published());
		return params;
	}

	private static ConflictException slugTaken(String slug) {
		return new ConflictException("The slug '" + slug + "' is already used by another page.");
	}

	private static PcPage page(ResultSet rs, int n) throws SQLException {
		Array array = rs.getArray("program_ids");
		List<Long> ids = array == null ? List.of() : Arrays.stream((Long[]) array.getArray()).toList();
		return new PcPage(rs.getLong("id"), rs.getString("title"), rs.getString("slug"), rs.getInt("nav_order"),
				rs.getBoolean("any_program"), ids, rs.getBoolean("members_only"), rs.getBoolean("published"));
	}

	private static PcBlock block(ResultSet rs, int n) throws SQLException {
		Map<String, String> config = JSON.readValue(rs.getString("config"), new TypeReference<Map<String, String>>() {
		});
		return new PcBlock(rs.getLong("id"), rs.getLong("page_id"), rs.getInt("position"),
				BlockType.of(rs.getString("type")), config);
	}

}
