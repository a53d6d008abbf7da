@NullMarked
package dev.partnerhub.partnercenter.web;

import org.jspecify.annotations.NullMarked;
