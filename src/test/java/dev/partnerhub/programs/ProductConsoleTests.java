package dev.partnerhub.programs;

import java.math.BigDecimal;
import java.util.UUID;

import dev.partnerhub.IntegrationTest;
import dev.partnerhub.programs.domain.ProgramService;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static dev.partnerhub.programs.ProgramConsoleTests.ADMIN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@IntegrationTest
class ProductConsoleTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ProgramService programs;

	@Test
	void searchSortAndCsvExport() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		this.programs.createProduct("b-" + tag, "Zebra " + tag, new BigDecimal("5.00"), "USD");
		this.programs.createProduct("a-" + tag, "Apple " + tag, new BigDecimal("50.00"), "USD");
		this.programs.createProduct("c-" + tag, "=HYPERLINK(\"x\") " + tag, new BigDecimal("20.00"), "EUR");

		String byPriceDesc = this.mvc
			.perform(get("/admin/products").with(ADMIN).param("q", tag).param("sort", "price,desc"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("aria-sort=\"descending\"")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(byPriceDesc.indexOf("a-" + tag)).isLessThan(byPriceDesc.indexOf("c-" + tag));
		assertThat(byPriceDesc.indexOf("c-" + tag)).isLessThan(byPriceDesc.indexOf("b-" + tag));

		String bySku = this.mvc
			.perform(get("/admin/products").with(ADMIN).param("q", tag.toUpperCase()).param("sort", "sku,asc"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(bySku.indexOf("a-" + tag)).isLessThan(bySku.indexOf("b-" + tag));

		// searching by name finds one product, an unknown sort column falls back instead
		// of failing
		this.mvc.perform(get("/admin/products").with(ADMIN).param("q", "zebra " + tag).param("sort", "version,asc"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("b-" + tag)))
			.andExpect(content().string(not(containsString("a-" + tag))));

		String csv = this.mvc.perform(get("/admin/products.csv").with(ADMIN).param("q", tag).param("sort", "sku,asc"))
			.andExpect(status().isOk())
			.andExpect(header().string("Content-Disposition", containsString("products.csv")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(csv.split("\r\n")).containsExactly("sku,name,price,currency",
				"a-" + tag + ",Apple " + tag + ",50.00,USD", "b-" + tag + ",Zebra " + tag + ",5.00,USD",
				"c-" + tag + ",\"'=HYPERLINK(\"\"x\"\") " + tag + "\",20.00,EUR");
	}

	@Test
	void searchTreatsWildcardsLiterally() throws Exception {
		this.mvc.perform(get("/admin/products").with(ADMIN).param("q", "%_no-such-product_%"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No products match your search.")));
	}

	@Test
	void createEditAndValidate() throws Exception {
		String sku = "SKU-" + UUID.randomUUID().toString().substring(0, 8);
		this.mvc
			.perform(post("/admin/products/new").with(ADMIN)
				.with(csrf())
				.param("sku", sku)
				.param("name", "Ebook")
				.param("price", "19.99")
				.param("currency", "EUR"))
			.andExpect(status().is3xxRedirection());
		ProductSummary product = this.programs.findProductBySku(sku).orElseThrow();
		assertThat(product.price()).isEqualByComparingTo("19.99");
		assertThat(product.currency()).isEqualTo("EUR");

		this.mvc
			.perform(post("/admin/products/" + product.id() + "/edit").with(ADMIN)
				.with(csrf())
				.param("sku", sku)
				.param("name", "Ebook 2nd edition")
				.param("price", "24.00")
				.param("currency", "EUR"))
			.andExpect(status().is3xxRedirection());
		assertThat(this.programs.findProduct(product.id()).orElseThrow().name()).isEqualTo("Ebook 2nd edition");

		this.mvc
			.perform(post("/admin/products/new").with(ADMIN)
				.with(csrf())
				.param("sku", sku.toLowerCase())
				.param("name", "Clash")
				.param("price", "1")
				.param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("product", "sku"));

		this.mvc
			.perform(post("/admin/products/new").with(ADMIN)
				.with(csrf())
				.param("sku", "ok-" + sku)
				.param("name", "Bad price")
				.param("price", "cheap")
				.param("currency", "EUR"))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("product", "price"))
			.andExpect(content().string(containsString("Enter a number")));

		this.mvc.perform(get("/admin/products/987654321/edit").with(ADMIN)).andExpect(status().isNotFound());
	}

	@Test
	void aStripePriceIsMappedToOneProductInTheFormAndTheApi() throws Exception {
		String tag = UUID.randomUUID().toString().substring(0, 8);
		String price = "price_" + tag;
		this.mvc
			.perform(post("/admin/products/new").with(ADMIN)
				.with(csrf())
				.param("sku", "sp-" + tag)
				.param("name", "Plan")
				.param("price", "9.00")
				.param("currency", "USD")
				.param("stripePriceId", price))
			.andExpect(status().is3xxRedirection());
		ProductSummary product = this.programs.findProductByStripePrice(price).orElseThrow();
		assertThat(product.sku()).isEqualTo("sp-" + tag);
		this.mvc.perform(get("/admin/products/" + product.id() + "/edit").with(ADMIN))
			.andExpect(content().string(containsString("value=\"" + price + "\"")));

		// one price, one product: in the form and through the API
		this.mvc
			.perform(post("/admin/products/new").with(ADMIN)
				.with(csrf())
				.param("sku", "sp2-" + tag)
				.param("name", "Clash")
				.param("price", "1")
				.param("currency", "USD")
				.param("stripePriceId", price))
			.andExpect(status().isOk())
			.andExpect(model().attributeHasFieldErrors("product", "stripePriceId"));
		this.mvc.perform(post("/api/v1/products").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"sku\": \"sp3-%s\", \"name\": \"X\", \"price\": \"1.00\", \"currency\": \"USD\", \"stripePriceId\": \"%s\"}"
						.formatted(tag, price)))
			.andExpect(status().isConflict());
		String other = "price_api_" + tag;
		this.mvc.perform(post("/api/v1/products").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"sku\": \"sp4-%s\", \"name\": \"X\", \"price\": \"1.00\", \"currency\": \"USD\", \"stripePriceId\": \"%s\"}"
						.formatted(tag, other)))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.stripePriceId").value(other));
		this.mvc.perform(post("/api/v1/products").header("Authorization", IntegrationTest.BEARER)
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"{\"sku\": \"sp5-%s\", \"name\": \"X\", \"price\": \"1.00\", \"currency\": \"USD\", \"stripePriceId\": \"bad id!\"}"
						.formatted(tag)))
			.andExpect(status().isBadRequest());

		// cleared in the form: the price maps to nothing
		this.mvc
			.perform(post("/admin/products/" + product.id() + "/edit").with(ADMIN)
				.with(csrf())
				.param("sku", "sp-" + tag)
				.param("name", "Plan")
				.param("price", "9.00")
				.param("currency", "USD")
				.param("stripePriceId", ""))
			.andExpect(status().is3xxRedirection());
		assertThat(this.programs.findProductByStripePrice(price)).isEmpty();
	}

}
