package dev.partnerhub.partnercenter.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.partnerhub.partnercenter.domain.PcPages.PageDraft;
import dev.partnerhub.support.Jsonb;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.relational.core.mapping.InsertOnlyProperty;
import org.springframework.data.relational.core.mapping.MappedCollection;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A partner-center page with its blocks in order ({@code pc_block.position} is the list
 * index). Spring Data JDBC writes the blocks again on every save; a block keeps its id
 * (the builder's links name it) because an existing block is inserted with the id it has.
 */
@Table("pc_page")
class CenterPage {

	private static final ObjectMapper JSON = JsonMapper.builder().build();

	@Id
	private @Nullable Long id;

	private String title;

	private String slug;

	private int navOrder;

	private boolean anyProgram;

	private Long[] programIds;

	private boolean membersOnly;

	private boolean published;

	@InsertOnlyProperty
	private Instant createdAt;

	private Instant updatedAt;

	@MappedCollection(idColumn = "page_id", keyColumn = "position")
	private List<Block> blocks = new ArrayList<>();

	@Version
	private @Nullable Long version;

	protected CenterPage() {
	}

	CenterPage(PageDraft draft, Instant now) {
		this.createdAt = now;
		apply(draft, now);
	}

	void apply(PageDraft draft, Instant now) {
		this.title = draft.title();
		this.slug = draft.slug();
		this.navOrder = draft.navOrder();
		this.anyProgram = draft.anyProgram();
		this.programIds = draft.programIds().toArray(Long[]::new);
		this.membersOnly = draft.membersOnly();
		this.published = draft.published();
		this.updatedAt = now;
	}

	/**
	 * The version the editor's form was loaded with (null = any): a save then fails when
	 * someone saved in between.
	 */
	void expectVersion(@Nullable Long version) {
		if (version != null) {
			this.version = version;
		}
	}

	void add(BlockType type, Map<String, String> config) {
		this.blocks.add(new Block(null, type.value(), Jsonb.of(JSON.writeValueAsString(config))));
	}

	Optional<Block> block(long blockId) {
		return this.blocks.stream().filter(b -> b.id != null && b.id == blockId).findFirst();
	}

	void configure(long blockId, Map<String, String> config) {
		int index = this.blocks.indexOf(block(blockId).orElseThrow());
		Block block = this.blocks.get(index);
		this.blocks.set(index, new Block(block.id, block.type, Jsonb.of(JSON.writeValueAsString(config))));
	}

	void remove(long blockId) {
		this.blocks.removeIf(b -> b.id != null && b.id == blockId);
	}

	/** Swaps the block with its neighbour; at the edge nothing changes. */
	void move(long blockId, boolean up) {
		int index = this.blocks.indexOf(block(blockId).orElseThrow());
		int other = up ? index - 1 : index + 1;
		if (other >= 0 && other < this.blocks.size()) {
			this.blocks.add(other, this.blocks.remove(index));
		}
	}

	/** The newest block (the one {@link #add} appended, with its id after the save). */
	Block last() {
		return this.blocks.get(this.blocks.size() - 1);
	}

	@Nullable Long getId() {
		return this.id;
	}

	/** One row of {@code pc_block}; its config is a JSON object of strings. */
	@Table("pc_block")
	static class Block {

		@Id
		private @Nullable Long id;

		private final String type;

		private final Jsonb config;

		Block(@Nullable Long id, String type, Jsonb config) {
			this.id = id;
			this.type = type;
			this.config = config;
		}

		@Nullable Long getId() {
			return this.id;
		}

	}

}
