package dev.partnerhub.programs.web;

import java.net.URI;

import dev.partnerhub.programs.domain.ProgramService;
import dev.partnerhub.support.NotFoundException;

import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/** {@code /api/v1/products}: create, list and look up products by SKU. */
@RestController
@RequestMapping("/api/v1/products")
class ProductApiController {

	private final ProgramService programs;

	ProductApiController(ProgramService programs) {
		this.programs = programs;
	}

	@PostMapping
	ResponseEntity<ProductJson> create(@RequestBody ProductJson.Request body) {
		ProductJson created = ProductJson.of(this.programs.createProduct(body.sku(), body.name(),
				Rates.money("price", body.price()), body.currency(), body.stripePriceId()));
		URI location = UriComponentsBuilder.fromPath("/api/v1/products/{sku}")
			.buildAndExpand(created.sku())
			.encode()
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@GetMapping
	PageJson<ProductJson> list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		return PageJson.of(this.programs.findProducts(q, PageJson.request(page, size, Sort.by("sku"))),
				ProductJson::of);
	}

	@GetMapping("/{sku}")
	ProductJson get(@PathVariable String sku) {
		return this.programs.findProductBySku(sku)
			.map(ProductJson::of)
			.orElseThrow(() -> new NotFoundException("No product with SKU " + sku + "."));
	}

}
