package dev.partnerhub.imports;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.time.Duration;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.contacts.ContactApi;
import dev.partnerhub.contacts.domain.ContactService;
import dev.partnerhub.imports.domain.CsvImports;
import dev.partnerhub.orders.OrderFixtures;
import dev.partnerhub.partners.PartnerApi;
import dev.partnerhub.partners.PartnerStatus;
import dev.partnerhub.partners.domain.PartnerService;
import dev.partnerhub.programs.ProgramSummary;
import dev.partnerhub.programs.Rate;
import dev.partnerhub.programs.RateType;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ImportTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	CsvImports imports;

	@Autowired
	ContactApi contacts;

	@Autowired
	PartnerApi partners;

	@Autowired
	ProgramService programs;

	@Autowired
	PartnerService partnerService;

	@Autowired
	ContactService contactService;

	@Test
	void partnersFileDryRunWritesNothingThenImportsOnceWithRowErrorsAndProgress() throws Exception {
		OrderFixtures fixtures = new OrderFixtures(this.programs, this.partnerService, this.contactService, this.mvc);
		ProgramSummary program = fixtures.program(2, new Rate(RateType.PERCENT, new java.math.BigDecimal("20")),
				new Rate(RateType.PERCENT, new java.math.BigDecimal("5")));
		String u = OrderFixtures.unique("");
		// Other systems' header names, semicolons, quotes, a BOM: all understood.
		String csv = "\uFEFFE-mail;First Name;Last Name;Program;Affiliate Code;Status;PayPal Email;Parent Code\n"
				+ "ann-" + u + "@example.com;Ann;\"Lee; Jr.\";" + program.name() + ";ann" + u + ";;ann-pay-" + u
				+ "@example.com;\n" + "bob-" + u + "@example.com;Bob;Moe;" + program.name() + ";bob" + u
				+ ";pending;;ann" + u + "\n" + "not-an-email;Cy;X;" + program.name() + ";cy" + u + ";;;\n" + "dee-" + u
				+ "@example.com;Dee;Y;No Such Program " + u + ";dee" + u + ";;;\n" + "ANN-" + u
				+ "@example.com;Ann;Again;" + program.name() + ";ann2" + u + ";;;\n" + "eve-" + u
				+ "@example.com;Eve;Z;" + program.name() + ";eve" + u + ";boss;;\n" + "fay-" + u + "@example.com;Fay;Q;"
				+ program.name() + ";;;;\n";

		long id = upload("partners", "partners.csv", csv);
		this.mvc.perform(get("/admin/import/" + id).with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("7 rows")))
			.andExpect(content().string(containsString("3 would be created")))
			.andExpect(content().string(containsString("4 with errors")))
			.andExpect(content().string(containsString("&#39;not-an-email&#39; is not a valid e-mail")))
			.andExpect(content().string(containsString("Unknown program")))
			.andExpect(content().string(containsString("Duplicate e-mail (same as line 2)")))
			.andExpect(content().string(containsString("is not pending, approved or suspended")));
		// The dry run wrote nothing.
		assertThat(this.contacts.findByEmail("ann-" + u + "@example.com")).isEmpty();
		assertThat(this.partners.findByCode("bob" + u)).isEmpty();

		this.mvc.perform(post("/admin/import/" + id + "/start").with(admin()).with(csrf()))
			.andExpect(redirectedUrl("/admin/import/" + id));
		CsvImports.Job job = awaitDone(id);
		assertThat(job.percent()).isEqualTo(100);
		assertThat(job.processed()).isEqualTo(7);
		assertThat(job.created()).isEqualTo(3);
		assertThat(job.failed()).isEqualTo(4);
		var ann = this.partners.findByCode("ann" + u).orElseThrow();
		assertThat(ann.payoutEmail()).isEqualTo("ann-pay-" + u + "@example.com");
		assertThat(ann.programId()).isEqualTo(program.id());
		var bob = this.partners.findByCode("bob" + u).orElseThrow();
		assertThat(bob.status()).isEqualTo(PartnerStatus.PENDING);
		assertThat(bob.parentId()).isEqualTo(ann.id());
		assertThat(this.contacts.findByEmail("ann-" + u + "@example.com").orElseThrow().lastName())
			.isEqualTo("Lee; Jr.");
		assertThat(this.contacts.findByEmail("fay-" + u + "@example.com")).isPresent();
		assertThat(this.contacts.findByEmail("dee-" + u + "@example.com")).isEmpty();

		this.mvc.perform(get("/admin/import/" + id + "/errors.csv").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("4,")))
			.andExpect(content().string(containsString("Unknown program")))
			.andExpect(content().string(containsString("6,Duplicate e-mail (same as line 2).")));
		this.mvc.perform(get("/admin/import/" + id + "/progress").with(admin()))
			.andExpect(content().string(containsString("100%")))
			.andExpect(content().string(containsString("3 created")));

		// The same file again: everything exists, nothing is created twice.
		long again = upload("partners", "partners.csv", csv);
		this.mvc.perform(get("/admin/import/" + again).with(admin()))
			.andExpect(content().string(containsString("0 would be created")))
			.andExpect(content().string(containsString("3 exist already")));
		this.imports.start(again);
		CsvImports.Job second = awaitDone(again);
		assertThat(second.created()).isZero();
		assertThat(second.existing()).isEqualTo(3);
		assertThat(this.partners.findByCode("ann" + u)).get().extracting(p -> p.id()).isEqualTo(ann.id());
	}

	@Test
	void contactsFileIsIdempotentByEmail() throws Exception {
		String u = OrderFixtures.unique("");
		this.contacts.create("old-" + u + "@example.com", "Old", "Timer");
		String csv = "email,first_name,last_name\r\nold-" + u + "@example.com,Changed,Name\r\nnew-" + u
				+ "@example.com,New,One\r\n,No,Mail\r\n";
		long id = upload("contacts", "contacts.csv", csv);
		this.mvc.perform(get("/admin/import/" + id).with(admin()))
			.andExpect(content().string(containsString("1 would be created")))
			.andExpect(content().string(containsString("1 exist already")))
			.andExpect(content().string(containsString("E-mail is missing.")));
		this.imports.start(id);
		CsvImports.Job job = awaitDone(id);
		assertThat(List.of(job.created(), job.existing(), job.failed())).containsExactly(1, 1, 1);
		assertThat(this.contacts.findByEmail("old-" + u + "@example.com").orElseThrow().firstName()).isEqualTo("Old");
		assertThat(this.contacts.findByEmail("new-" + u + "@example.com")).isPresent();
	}

	@Test
	void badFilesAreRefusedWithAMessage() throws Exception {
		// Not UTF-8 (Latin-1 bytes).
		byte[] latin1 = "email,first_name\nj\u00fcrgen@example.com,J\u00fcrgen\n".getBytes(StandardCharsets.ISO_8859_1);
		this.mvc
			.perform(multipart("/admin/import").file(new MockMultipartFile("file", "c.csv", "text/csv", latin1))
				.param("kind", "contacts")
				.with(admin())
				.with(csrf()))
			.andExpect(redirectedUrl("/admin/import"))
			.andExpect(flash().attribute("error", containsString("not UTF-8")));
		// Missing required column.
		this.mvc.perform(multipart("/admin/import")
			.file(new MockMultipartFile("file", "c.csv", "text/csv",
					"name,phone\nA,1\n".getBytes(StandardCharsets.UTF_8)))
			.param("kind", "contacts")
			.with(admin())
			.with(csrf())).andExpect(flash().attribute("error", containsString("must name the column email")));
		// An image is not a CSV.
		this.mvc
			.perform(multipart("/admin/import")
				.file(new MockMultipartFile("file", "x.png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }))
				.param("kind", "contacts")
				.with(admin())
				.with(csrf()))
			.andExpect(flash().attribute("error", containsString("Upload a .csv file")));
		// Unknown kind, no file.
		this.mvc.perform(multipart("/admin/import").param("kind", "orders").with(admin()).with(csrf()))
			.andExpect(flash().attribute("error", containsString("contacts, partners or commissions")));
		// Unknown import, and partners may not import.
		this.mvc.perform(get("/admin/import/999999999").with(admin())).andExpect(status().isNotFound());
		this.mvc.perform(get("/admin/import").with(user("p@test.local").roles("PARTNER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/admin/import").with(admin()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Expected columns")));
	}

	private long upload(String kind, String name, String csv) throws Exception {
		String location = this.mvc
			.perform(multipart("/admin/import")
				.file(new MockMultipartFile("file", name, "text/csv", csv.getBytes(StandardCharsets.UTF_8)))
				.param("kind", kind)
				.with(admin())
				.with(csrf()))
			.andExpect(redirectedUrlPattern("/admin/import/*"))
			.andReturn()
			.getResponse()
			.getRedirectedUrl();
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private CsvImports.Job awaitDone(long id) {
		CsvImports.Job job = await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(50))
			.until(() -> this.imports.find(id).orElseThrow(), j -> !j.active());
		assertThat(job.status()).isEqualTo("done");
		return job;
	}

	private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
		return user("admin@test.local").roles("ADMIN");
	}

}
