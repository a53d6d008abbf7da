package dev.partnerhub.tracking.domain;

import java.sql.Timestamp;
import java.util.List;

import dev.partnerhub.tracking.TrackingImport;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/** {@link TrackingImport}: plain inserts; the clicks as one JDBC batch. */
@Service
class TrackingImporter implements TrackingImport {

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	TrackingImporter(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	@Override
	public long importLink(long programId, String name, String landingUrl) {
		return this.jdbc.sql("""
				insert into promo_tool (program_id, kind, name, landing_url) values (:program, 'link', :name, :url)
				returning id
				""")
			.param("program", programId)
			.param("name", name)
			.param("url", landingUrl)
			.query(Long.class)
			.single();
	}

	@Override
	public long importBanner(long programId, String name, String landingUrl, String altText, int width, int height,
			byte[] png) {
		long banner = this.jdbc.sql("""
				insert into promo_tool (program_id, kind, name, landing_url, alt_text, width, height,
				                        image_content_type, image_size)
				values (:program, 'banner', :name, :url, :alt, :width, :height, 'image/png', :size)
				returning id
				""")
			.param("program", programId)
			.param("name", name)
			.param("url", landingUrl)
			.param("alt", altText)
			.param("width", width)
			.param("height", height)
			.param("size", png.length)
			.query(Long.class)
			.single();
		this.jdbc
			.sql("insert into promo_banner_image (promo_tool_id, content_type, data) values (:id, 'image/png', :data)")
			.param("id", banner)
			.param("data", png)
			.update();
		return banner;
	}

	@Override
	public void importClicks(List<PastClick> clicks) {
		this.batch.batchUpdate("""
				insert into click (token, partner_id, program_id, promo_tool_id, sub_id, clicked_at, duplicate, bot,
				                   landing_url)
				values (?, ?, ?, ?, ?, ?, ?, ?, ?)
				""",
				clicks.stream()
					.map(click -> new Object[] { click.token(), click.partnerId(), click.programId(),
							click.promoToolId(), click.subId(), Timestamp.from(click.clickedAt()), click.duplicate(),
							click.bot(), click.landingUrl() })
					.toList());
	}

}
