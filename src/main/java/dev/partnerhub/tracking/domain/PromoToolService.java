package dev.partnerhub.tracking.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import dev.partnerhub.programs.ProgramApi;
import dev.partnerhub.support.InvalidInputException;
import dev.partnerhub.support.NotFoundException;
import dev.partnerhub.support.merge.MergeText;
import dev.partnerhub.tracking.PromoToolFields;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Promo tools of programs: the rules of each kind, banner images, and merge fields of
 * e-mail swipes.
 */
@Service
@Transactional
public class PromoToolService {

	static final int MAX_TEXT = 20_000;

	private final PromoToolRepository tools;

	private final ProgramApi programs;

	private final JdbcClient jdbc;

	private final ClickTargets targets;

	private final Clock clock;

	PromoToolService(PromoToolRepository tools, ProgramApi programs, JdbcClient jdbc, ClickTargets targets,
			Clock clock) {
		this.tools = tools;
		this.programs = programs;
		this.jdbc = jdbc;
		this.targets = targets;
		this.clock = clock;
	}

	/** A banner image as served. */
	public record BannerImage(String contentType, byte[] data, Instant updatedAt) {
	}

	@Transactional(readOnly = true)
	public Page<PromoTool> list(Long programId, Pageable pageable) {
		return programId == null ? this.tools.findAll(pageable) : this.tools.findByProgramId(programId, pageable);
	}

	@Transactional(readOnly = true)
	public PromoTool get(long id) {
		return this.tools.findById(id).orElseThrow(() -> new NotFoundException("No promo tool " + id));
	}

	@Transactional(readOnly = true)
	public Optional<PromoTool> find(long id) {
		return this.tools.findById(id);
	}

	/**
	 * @param image the uploaded bytes; required for a banner
	 */
	public PromoTool create(PromoToolDraft draft, byte[] image) {
		PromoToolKind kind = draft.kind();
		if (kind == null) {
			throw new InvalidInputException("kind", "Choose a kind of promo tool.");
		}
		PromoToolDraft checked = check(draft);
		BannerImages.CheckedImage banner = kind == PromoToolKind.BANNER ? BannerImages.check("image", image) : null;
		Instant now = this.clock.instant();
		PromoTool tool = new PromoTool(kind, now);
		tool.apply(checked, now);
		tool = this.tools.save(tool);
		if (banner != null) {
			storeImage(tool, banner);
			tool = this.tools.save(tool);
		}
		return tool;
	}

	/**
	 * @param image new bytes for a banner, or null/empty to keep the current image
	 */
	public PromoTool update(long id, PromoToolDraft draft, byte[] image) {
		PromoTool tool = get(id);
		PromoToolDraft checked = check(
				new PromoToolDraft(tool.getKind(), draft.programId(), draft.name(), draft.landingUrl(), draft.altText(),
						draft.width(), draft.height(), draft.emailSubject(), draft.emailBody(), draft.lightboxHtml()));
		BannerImages.CheckedImage banner = tool.getKind() == PromoToolKind.BANNER && image != null && image.length > 0
				? BannerImages.check("image", image) : null;
		tool.apply(checked, this.clock.instant());
		if (banner != null) {
			storeImage(tool, banner);
		}
		this.targets.forgetTool(id);
		return this.tools.save(tool);
	}

	public void delete(long id) {
		this.tools.delete(get(id));
		this.targets.forgetTool(id);
	}

	@Transactional(readOnly = true)
	public Optional<BannerImage> bannerImage(long id) {
		return this.jdbc.sql("""
				select i.content_type, i.data, t.updated_at from promo_banner_image i
				join promo_tool t on t.id = i.promo_tool_id where i.promo_tool_id = :id""")
			.param("id", id)
			.query((rs, n) -> new BannerImage(rs.getString(1), rs.getBytes(2), rs.getTimestamp(3).toInstant()))
			.optional();
	}

	private void storeImage(PromoTool tool, BannerImages.CheckedImage banner) {
		this.jdbc.sql("""
				insert into promo_banner_image (promo_tool_id, content_type, data) values (:id, :type, :data)
				on conflict (promo_tool_id) do update set content_type = excluded.content_type, data = excluded.data""")
			.param("id", tool.getId())
			.param("type", banner.contentType())
			.param("data", banner.data())
			.update();
		tool.imageStored(banner.contentType(), banner.data().length, banner.width(), banner.height());
	}

	private PromoToolDraft check(PromoToolDraft d) {
		if (d.programId() == null || this.programs.findProgram(d.programId()).isEmpty()) {
			throw new InvalidInputException("programId", "Choose a program.");
		}
		String name = d.name() == null ? "" : d.name().strip();
		if (name.isEmpty() || name.length() > 120) {
			throw new InvalidInputException("name", "Name is required (at most 120 characters).");
		}
		PromoToolKind kind = d.kind();
		boolean needsUrl = kind == PromoToolKind.LINK || kind == PromoToolKind.BANNER;
		String url = blank(d.landingUrl()) && !needsUrl ? null : LandingUrls.check("landingUrl", d.landingUrl());
		String alt = null;
		if (kind == PromoToolKind.BANNER) {
			alt = d.altText() == null ? "" : d.altText().strip();
			if (alt.isEmpty() || alt.length() > 300) {
				throw new InvalidInputException("altText", "Alt text is required (at most 300 characters).");
			}
			pixels("width", d.width());
			pixels("height", d.height());
		}
		if (kind == PromoToolKind.EMAIL) {
			if (blank(d.emailSubject()) || d.emailSubject().strip().length() > 200) {
				throw new InvalidInputException("emailSubject", "Subject is required (at most 200 characters).");
			}
			if (blank(d.emailBody()) || d.emailBody().length() > MAX_TEXT) {
				throw new InvalidInputException("emailBody", "Body is required (at most 20,000 characters).");
			}
		}
		if (kind == PromoToolKind.LIGHTBOX && (blank(d.lightboxHtml()) || d.lightboxHtml().length() > MAX_TEXT)) {
			throw new InvalidInputException("lightboxHtml", "HTML snippet is required (at most 20,000 characters).");
		}
		// an unknown or malformed merge field would be shown to partners as written
		if (kind == PromoToolKind.EMAIL) {
			MergeText.check("emailSubject", d.emailSubject(), PromoToolFields.FIELDS.keySet());
			MergeText.check("emailBody", d.emailBody(), PromoToolFields.FIELDS.keySet());
		}
		if (kind == PromoToolKind.LIGHTBOX) {
			MergeText.check("lightboxHtml", d.lightboxHtml(), PromoToolFields.FIELDS.keySet());
		}
		return new PromoToolDraft(kind, d.programId(), name, url, alt, d.width(), d.height(),
				d.emailSubject() == null ? null : d.emailSubject().strip(), d.emailBody(), d.lightboxHtml());
	}

	private static void pixels(String field, Integer value) {
		if (value != null && (value < 1 || value > 10_000)) {
			throw new InvalidInputException(field, "Must be between 1 and 10,000 pixels.");
		}
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

}
